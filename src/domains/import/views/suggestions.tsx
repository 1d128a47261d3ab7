// The review form of an imported draft: under each field whose value the importer suggested from
// the text, a note listing each suggested tag with the words that gave it; under the title, a note
// when it was taken from the file name. The values themselves are already filled in.
import type { ComponentChildren } from "preact";
import type { ImportSuggestions, SuggestedTag } from "../import.service.js";

/** The notes to show under the work form's fields, by field name (empty when nothing was suggested). */
export function suggestionNotes(
  suggestions: ImportSuggestions | undefined,
): Partial<Record<string, ComponentChildren>> {
  const notes: Partial<Record<string, ComponentChildren>> = {};
  if (!suggestions) return notes;
  for (const [field, tags] of Object.entries(suggestions.tags)) {
    if (tags && tags.length > 0) notes[field] = <SuggestedNote field={field} tags={tags} />;
  }
  if (suggestions.titleSource === "filename") {
    notes.title = (
      <p class="field__hint field__suggested" id="field-title-suggested">
        Taken from the file name.
      </p>
    );
  }
  return notes;
}

function SuggestedNote(p: { field: string; tags: SuggestedTag[] }) {
  return (
    <div class="field__suggested" id={`field-${p.field}-suggested`}>
      <p class="field__hint">Suggested from the text:</p>
      <ul class="field__hint">
        {p.tags.map((tag) => (
          <li key={tag.name}>
            {tag.name} — {tag.evidence}
          </li>
        ))}
      </ul>
    </div>
  );
}
