/* The contact form filled in from a comment the reader chose not to publish (embed.js).
   The text comes in the address's fragment, which browsers never send to a server nor put in
   a Referer; it is read once and removed from the address and the history entry at once. */
(() => {
  "use strict";
  var hash = location.hash;
  if (hash.indexOf("#carry=") !== 0) return;
  history.replaceState(null, "", location.pathname + location.search);
  var carried = {};
  try { carried = JSON.parse(decodeURIComponent(hash.slice(7))) || {}; } catch (e) { return; }
  var form = document.querySelector("form.contact-form"), limits = { message: 5000, name: 100, email: 254 };
  if (!form) return;
  Object.keys(limits).forEach((name) => {
    var input = form.elements.namedItem(name), value = carried[name];
    if (input && typeof value === "string" && value && !input.value) input.value = value.slice(0, limits[name]);
  });
  var note = document.getElementById("carried-over");
  if (note) note.hidden = false;
})();
