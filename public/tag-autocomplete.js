// Suggestions for tag fields (inputs with data-autocomplete="<tag type>"); the fields work without it.
//
// Each field holds comma-separated tag names. While the user types the last name, existing tags of
// that type are fetched from /tags/autocomplete and offered in a listbox, following the ARIA 1.2
// combobox pattern (an editable combobox with list autocomplete): the input is the combobox, the
// listbox is announced through aria-expanded, aria-controls and aria-activedescendant. Down/Up move
// through the suggestions, Enter or Tab picks one (it replaces only the last name and adds ", "),
// Escape closes the list, and a click picks too. Nothing here is needed to submit the form: if a
// request fails, the list simply stays closed.
//
// Plain ES2020, no dependencies, no build step. The page's Content-Security-Policy forbids inline
// script and style attributes, so the look comes from quire.css (.autocomplete*) and state is kept
// in attributes (hidden, aria-selected).
/* global document, window, fetch, AbortController, Element */
(() => {
  "use strict";

  const DEBOUNCE_MS = 150;
  const ENDPOINT = "/tags/autocomplete";
  let fieldCount = 0;

  /** The name being typed: what follows the last comma, without surrounding spaces. */
  function lastName(value) {
    return value.slice(value.lastIndexOf(",") + 1).trim();
  }

  /** The names before the last one, as typed. */
  function earlierNames(value) {
    const cut = value.lastIndexOf(",");
    return cut < 0
      ? []
      : value
          .slice(0, cut)
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean);
  }

  /** The value with its last name replaced by `name`, ready for the next one. */
  function withLastName(value, name) {
    const names = earlierNames(value);
    names.push(name);
    return `${names.join(", ")}, `;
  }

  function key(name) {
    return name.replace(/\s+/g, " ").trim().toLowerCase();
  }

  function setUp(input) {
    const type = input.getAttribute("data-autocomplete");
    if (!type || input.getAttribute("role") === "combobox") return;
    fieldCount += 1;
    const baseId = input.id || `tag-autocomplete-${fieldCount}`;
    const listId = `${baseId}-suggestions`;

    // The input and its list share a positioned wrapper so the list opens just below the field.
    const wrapper = document.createElement("div");
    wrapper.className = "autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    const list = document.createElement("ul");
    list.id = listId;
    list.className = "autocomplete__list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    // Named "Fandoms suggestions" rather than by the label itself, so the label names only the field.
    const label = input.labels && input.labels[0];
    const labelText = label ? label.textContent.replace(/\s+/g, " ").trim() : "";
    list.setAttribute("aria-label", labelText ? `${labelText} suggestions` : "Suggestions");
    wrapper.appendChild(list);

    // A polite live region says how many suggestions there are, for screen reader users.
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    /** The suggestions shown (names), the name they were for, and which one is active (-1: none). */
    let options = [];
    let optionsFor = "";
    let active = -1;
    let timer = 0;
    let controller = null;
    let requestSeq = 0;
    const cache = new Map();

    function optionId(i) {
      return `${listId}-${i}`;
    }

    function isOpen() {
      return !list.hidden;
    }

    function announce(text) {
      status.textContent = text;
    }

    /** Forgets a suggestion request waiting for its debounce or its answer. */
    function cancelPending() {
      window.clearTimeout(timer);
      if (controller) controller.abort();
      requestSeq += 1;
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(i) {
      const items = list.children;
      if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
      active = i;
      if (active >= 0 && items[active]) {
        items[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", optionId(active));
        items[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(names) {
      const taken = new Set(earlierNames(input.value).map(key));
      options = names.filter((n) => !taken.has(key(n)));
      optionsFor = key(lastName(input.value));
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (options.length === 0 || document.activeElement !== input) {
        close();
        announce("");
        return;
      }
      options.forEach((name, i) => {
        const item = document.createElement("li");
        item.id = optionId(i);
        item.className = "autocomplete__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = name;
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      announce(
        `${options.length} ${options.length === 1 ? "suggestion" : "suggestions"}. Use the up and down arrows to choose one.`,
      );
    }

    function pick(i) {
      const name = options[i];
      if (name === undefined) return;
      input.value = withLastName(input.value, name);
      close();
      options = [];
      announce(`${name} added.`);
      const end = input.value.length;
      input.setSelectionRange(end, end);
    }

    async function suggest(term) {
      const cacheKey = key(term);
      if (cache.has(cacheKey)) {
        show(cache.get(cacheKey));
        return;
      }
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      const seq = ++requestSeq;
      try {
        const url = `${ENDPOINT}?type=${encodeURIComponent(type)}&term=${encodeURIComponent(term)}`;
        const response = await fetch(url, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
          signal: controller ? controller.signal : undefined,
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = await response.json();
        const names = Array.isArray(body)
          ? body.map((t) => (t && typeof t.name === "string" ? t.name : "")).filter((name) => name !== "")
          : [];
        cache.set(cacheKey, names);
        // An answer to an older request arriving late is ignored; so is one for text since changed.
        if (seq === requestSeq && key(lastName(input.value)) === cacheKey) show(names);
      } catch {
        // Offline, a server error or a bad answer: no suggestions, and the field works as before.
        if (seq === requestSeq) close();
      }
    }

    input.addEventListener("input", () => {
      window.clearTimeout(timer);
      const term = lastName(input.value);
      if (term === "") {
        cancelPending();
        close();
        return;
      }
      timer = window.setTimeout(() => suggest(term), DEBOUNCE_MS);
    });

    input.addEventListener("keydown", (event) => {
      if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
      switch (event.key) {
        case "ArrowDown":
        case "Down":
          if (!isOpen()) {
            // Down reopens a list closed with Escape, if the name typed is still the same.
            if (options.length > 0 && optionsFor !== "" && optionsFor === key(lastName(input.value))) {
              show(options.slice());
            } else return;
          }
          event.preventDefault();
          setActive(active + 1 >= options.length ? 0 : active + 1);
          break;
        case "ArrowUp":
        case "Up":
          if (!isOpen()) return;
          event.preventDefault();
          setActive(active <= 0 ? options.length - 1 : active - 1);
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault(); // pick, don't submit the form
            pick(active);
          } else if (isOpen()) {
            close();
          }
          break;
        case "Tab":
          if (isOpen() && active >= 0 && !event.shiftKey) pick(active);
          else close();
          break;
        case "Escape":
        case "Esc":
          // Closing also drops a request still under way, so its answer can't reopen the list.
          cancelPending();
          if (isOpen()) {
            event.preventDefault();
            close();
          }
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", () => {
      cancelPending();
      close();
    });

    // Keep the focus in the field while the pointer is on the list, so a click can pick.
    list.addEventListener("mousedown", (event) => event.preventDefault());
    list.addEventListener("click", (event) => {
      const item = event.target instanceof Element ? event.target.closest("[role=option]") : null;
      if (!item) return;
      pick(Array.prototype.indexOf.call(list.children, item));
      input.focus();
    });
    list.addEventListener("mousemove", (event) => {
      const item = event.target instanceof Element ? event.target.closest("[role=option]") : null;
      if (!item) return;
      const i = Array.prototype.indexOf.call(list.children, item);
      if (i !== active) setActive(i);
    });
  }

  function start() {
    if (typeof fetch !== "function") return;
    document.querySelectorAll("input[data-autocomplete]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
