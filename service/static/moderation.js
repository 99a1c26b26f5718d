/* Clinic Desk staff screens: keyboard shortcuts on top of plain forms in the queue, and where
   focus goes after an action.
   Everything here also works without this script: every action is a button in a form.
   j/k move, a approve, r reject, s spam, x select, ? help. A moderator can switch the
   shortcuts off; the choice is kept in this browser (localStorage). The words it says come
   from the page (data-* on #queue-announcer), in the moderator's language.
   After a form was sent and the page came back: focus goes to the error summary if there is
   one, else to the queue item the page points at (#comment-12), else to the outcome message. */
(function () {
  "use strict";

  var STORAGE_KEY = "clinicDesk.shortcuts";
  var KEY_ACTIONS = { a: "approve", r: "reject", s: "spam" };
  var items = Array.prototype.slice.call(document.querySelectorAll(".queue-item"));
  var announcer = document.getElementById("queue-announcer");
  var toggleBox = document.getElementById("shortcut-toggle");
  var enabledInput = document.getElementById("shortcuts-enabled");
  var help = document.getElementById("shortcut-help");
  var helpButton = document.getElementById("shortcut-help-button");
  var current = -1;
  var words = announcer ? announcer.dataset : {};

  // A text of the page's, %(name)s placeholders filled in (English if the page has none).
  function say(name, fallback, params) {
    var text = words[name] || fallback;
    return text.replace(/%\((\w+)\)s/g, function (m, key) {
      return params && key in params ? params[key] : m;
    });
  }

  function readPreference() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) !== "off";
    } catch (error) {
      return true;
    }
  }

  function writePreference(on) {
    try {
      window.localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
    } catch (error) {
      /* private mode: the choice lasts for this page only */
    }
  }

  var enabled = readPreference();

  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function showHints(on) {
    document.body.classList.toggle("shortcuts-on", on);
  }

  function select(index) {
    if (!items.length) return;
    index = Math.max(0, Math.min(items.length - 1, index));
    if (current >= 0 && items[current]) items[current].classList.remove("is-current");
    current = index;
    var item = items[current];
    item.classList.add("is-current");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
  }

  function itemLabel(item) {
    return item.getAttribute("data-name") ||
      item.getAttribute("data-kind") + " #" + item.getAttribute("data-id");
  }

  function toggleSelection(item) {
    var box = item.querySelector(".select-item");
    if (!box) return;
    box.checked = !box.checked;
    announce(box.checked
      ? say("selected", "Selected %(item)s", { item: itemLabel(item) })
      : say("unselected", "Unselected %(item)s", { item: itemLabel(item) }));
  }

  function act(item, action) {
    var button = item.querySelector('.item-actions button[data-action="' + action + '"]');
    if (!button) {
      announce(say("refused", "Cannot do “%(action)s” to %(item)s in its current status.",
        { action: action, item: itemLabel(item) }));
      return;
    }
    var form = button.form;
    var data = new FormData(form);
    data.set("action", action);
    button.disabled = true;
    // Not form.action: the buttons are named "action", which shadows that property.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        button.disabled = false;
        if (!result.ok) {
          announce(result.body.message || say("failed", "That did not work."));
          return;
        }
        var badge = item.querySelector('[data-role="status"]');
        if (badge) {
          badge.textContent = result.body.status_label || result.body.status;
          badge.className = "badge badge-status status-" + result.body.status;
        }
        item.classList.add("is-done");
        Array.prototype.forEach.call(item.querySelectorAll(".item-actions button"), function (b) {
          b.disabled = true;
        });
        announce(result.body.message);
        if (current < items.length - 1) select(current + 1);
      })
      .catch(function () {
        button.disabled = false;
        announce(say("unreachable", "The server could not be reached; nothing was changed."));
      });
  }

  function toggleHelp() {
    if (!help) return;
    help.hidden = !help.hidden;
    if (!help.hidden) help.scrollIntoView({ block: "nearest" });
  }

  function isTyping(target) {
    var tag = (target && target.tagName) || "";
    return /^(INPUT|TEXTAREA|SELECT)$/.test(tag) || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (!enabled || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target)) return;
    var key = event.key;
    if (key === "?") {
      toggleHelp();
    } else if (key === "j") {
      select(current + 1);
    } else if (key === "k") {
      select(current < 0 ? 0 : current - 1);
    } else if (key === "x" && current >= 0) {
      toggleSelection(items[current]);
    } else if (KEY_ACTIONS[key] && current >= 0) {
      act(items[current], KEY_ACTIONS[key]);
    } else {
      return;
    }
    event.preventDefault();
  });

  items.forEach(function (item, index) {
    item.addEventListener("click", function () {
      if (current >= 0 && items[current]) items[current].classList.remove("is-current");
      current = index;
      item.classList.add("is-current");
    });
  });

  if (toggleBox && enabledInput) {
    toggleBox.hidden = false;
    enabledInput.checked = enabled;
    showHints(enabled);
    enabledInput.addEventListener("change", function () {
      enabled = enabledInput.checked;
      writePreference(enabled);
      showHints(enabled);
      announce(enabled ? say("shortcutsOn", "Keyboard shortcuts on.")
        : say("shortcutsOff", "Keyboard shortcuts off."));
    });
  }
  if (helpButton) helpButton.addEventListener("click", toggleHelp);

  // Back from a sent form: put focus where the moderator's work goes on, and say what happened.
  function afterAction() {
    var summary = document.querySelector(".error-summary");
    var flashes = document.querySelector(".flashes");
    var target = location.hash.length > 1 ? document.getElementById(location.hash.slice(1)) : null;
    var index = items.indexOf(target);
    if (summary) {
      summary.focus();
    } else if (index >= 0) {
      select(index);
      // The outcome is in the flash at the top; the live region says it where focus is.
      if (flashes) announce(flashes.textContent.trim());
    } else if (flashes && !document.querySelector("[autofocus]")) {
      flashes.setAttribute("tabindex", "-1");
      flashes.focus();
    }
  }
  afterAction();

  // Delete asks first. Every delete button carries its question (data-confirm); with this
  // script the dialog asks it and, on yes, the form goes with confirm=yes. Without the
  // script (or without <dialog>) the server answers with a confirmation page instead.
  var dialog = document.getElementById("confirm-dialog");
  var dialogText = document.getElementById("confirm-dialog-text");
  if (dialog && typeof dialog.showModal === "function") {
    var pending = null;
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button[data-confirm]") : null;
      if (!button || !button.form) return;
      event.preventDefault();
      pending = button;
      dialogText.textContent = button.getAttribute("data-confirm");
      dialog.returnValue = "";
      dialog.showModal();
    });
    dialog.addEventListener("close", function () {
      var button = pending;
      pending = null;
      if (!button) return;
      if (dialog.returnValue !== "confirm") {
        button.focus();
        return;
      }
      var form = button.form;
      var confirm = document.createElement("input");
      confirm.type = "hidden";
      confirm.name = "confirm";
      confirm.value = "yes";
      form.appendChild(confirm);
      var chosen = document.createElement("input");
      chosen.type = "hidden";
      chosen.name = button.name;
      chosen.value = button.value;
      form.appendChild(chosen);
      form.submit();
    });
  }

  // The Undo offer lasts as long as the server allows it; hide it when the time is up.
  var undo = document.getElementById("undo-bar");
  if (undo) {
    var seconds = parseInt(undo.getAttribute("data-seconds"), 10) || 0;
    window.setTimeout(function () { undo.hidden = true; }, seconds * 1000);
  }
})();

/* The canned-reply picker is a GET form with a "Use" button; with this script, choosing one
   from the list is enough. */
(function () {
  "use strict";
  var picker = document.querySelector("select[data-autosubmit]");
  if (picker && picker.form) {
    picker.addEventListener("change", function () {
      if (picker.value) {
        picker.form.submit();
      }
    });
  }
})();
