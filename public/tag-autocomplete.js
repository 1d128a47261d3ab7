// Suggestions for tag fields (inputs with data-autocomplete="<tag type>"); the fields work without it.
