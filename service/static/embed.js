/* Clinic Desk comments: <div id="clinic-comments" data-thread="KEY"></div> + this script.
   Default: an iframe of ours; data-mode="inline": rendered here through the JSON API (CORS).
   Reader text goes in as text only; server-sanitised HTML passes an allow-list copy too.
   Words: /embed/strings in data-lang, the page's or the browser's language, or English. */
(() => {
  "use strict";
  var me = document.currentScript, box = document.getElementById("clinic-comments");
  if (!me || !box || box.getAttribute("data-cc")) return;
  box.setAttribute("data-cc", "1");
  var base = new URL(me.src, location.href).origin,
    key = box.getAttribute("data-thread") || location.pathname,
    mode = box.getAttribute("data-mode") || "frame",
    THEME = ["accent", "accent-text", "bg", "surface", "text", "muted", "border", "radius", "font"],
    TAGS = /^(P|BR|STRONG|EM|CODE|PRE|BLOCKQUOTE|UL|OL|LI|A|HR|DEL)$/,
    langs = encodeURIComponent([me.dataset.lang, box.dataset.lang, document.documentElement.lang]
      .concat(navigator.languages).filter(Boolean).slice(0, 9) + ",en"),
    T = { lang: "en", strings: {}, errors: {}, fields: [] },
    ready = fetch(base + "/embed/strings?lang=" + langs).then((r) => r.json()).then((d) => { if (d.strings) T = d; }, () => {});

  if (mode === "frame") return frame();
  if (mode === "inline") {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = base + "/static/embed.css";
    document.head.append(css);
  }
  var parentOrigin = mode === "frame-content" ? box.getAttribute("data-parent-origin") : null,
    api = base + "/api",
    path = "/threads/" + encodeURIComponent(key) + "/comments",
    SK = "clinic-comments:" + base,
    SORTS = ["oldest", "newest", "staff"],
    st = { thread: null, roots: [], next: null, pending: [], sort: "oldest", turn: 0 },
    uid = 0;
  if (parentOrigin) settings();
  box.classList.add("cc-root");
  box.textContent = "";
  var heading = el("h2", "cc-title"), status = el("p", "cc-status"), list = el("ol", "cc-list"),
    more = button("", "cc-button cc-secondary", () => { page(st.next); }),
    compose = el("div", "cc-compose"), order = el("div", "cc-order"), sorter = el("select");
  status.setAttribute("role", "status");
  more.hidden = true;
  st.sort = SORTS.indexOf(mine().sort) > 0 ? mine().sort : "oldest";
  order.hidden = true;
  box.append(heading, order, status, list, more, compose);
  if (parentOrigin && window.ResizeObserver) new ResizeObserver(resized).observe(document.documentElement);
  ready.then(() => {
    box.lang = T.lang;
    heading.textContent = t("Comments");
    more.textContent = t("More comments");
    sorter.id = "cc-sort-" + ++uid;
    var label = el("label", "", t("Order"));
    label.htmlFor = sorter.id;
    var names = { oldest: t("Oldest first"), newest: t("Newest first"), staff: t("Clinic answers first") };
    SORTS.forEach((v) => {
      var o = el("option", "", names[v]);
      o.value = v;
      o.selected = v === st.sort;
      sorter.append(o);
    });
    // The reader's choice is remembered in this browser, for every thread of the clinic.
    sorter.addEventListener("change", () => {
      var o = mine();
      st.sort = o.sort = sorter.value;
      keep(o);
      page(null);
    });
    order.append(label, sorter);
    page(null);
  });

  // A text in the reader's language, %(name)s filled from `params`.
  function t(text, params) {
    return (T.strings[text] || text).replace(/%\((\w+)\)[sd]/g, (m, n) => params ? params[n] : m);
  }

  // An English problem of the API in the reader's words: each field is [pattern, translation].
  function tr(message) {
    T.fields.some((f) => {
      var found = new RegExp(f[0]).exec(message);
      if (found) message = f[1].replace(/\$(\d)/g, (m, i) => found[i]);
      return found;
    });
    return message;
  }

  function settings() {
    var s = {};
    try { s = JSON.parse(decodeURIComponent(location.hash.slice(1))) || {}; } catch (e) { /* none */ }
    var theme = s.theme || {};
    THEME.forEach((n) => {
      var v = theme[n];
      if (typeof v === "string" && v.length < 100 && !/[;{}<>\\]|url\(/i.test(v)) box.style.setProperty("--cc-" + n, v);
    });
    if (/^(light|dark)$/.test(s.scheme)) box.setAttribute("data-scheme", s.scheme);
  }

  function resized() {
    if (parentOrigin && parent !== window) {
      var h = document.documentElement.getBoundingClientRect().height;
      parent.postMessage({ type: "clinic-comments:height", height: Math.ceil(h) }, parentOrigin);
    }
  }

  function mine() {
    try { return JSON.parse(localStorage.getItem(SK)) || {}; } catch (e) { return {}; }
  }
  function keep(o) {
    try { localStorage.setItem(SK, JSON.stringify(o)); } catch (e) { /* storage off */ }
  }
  function forget(id) { var o = mine(); delete o[id]; keep(o); }

  function call(method, p, body, token) {
    var h = { Accept: "application/json" };
    if (body) h["Content-Type"] = "application/json";
    if (token) h["X-Edit-Token"] = token;
    return fetch(api + p, { method: method, headers: h, body: body ? JSON.stringify(body) : undefined, credentials: "omit" })
      .then((r) => {
        if (r.status === 204) return null;
        return r.json().then(null, () => { return {}; }).then((d) => {
          if (r.ok) return d;
          var err = new Error(T.errors[d.error] || d.message || t("Something went wrong. Please try again."));
          err.fields = d.fields || {};
          err.status = r.status;
          throw err;
        });
      }, () => {
        throw new Error(t("The comments could not be reached. Please try again."));
      });
  }

  function say(text, bad) {
    status.textContent = text;
    status.className = "cc-status" + (bad ? " cc-bad" : "");
    resized();
  }

  function page(after) {
    // The default order asks with no query string: the server's fastest, cached answer.
    var q = [after ? "after=" + after : "", st.sort !== "oldest" ? "sort=" + st.sort : ""].filter(Boolean).join("&");
    // Only the latest first page counts: a reader who changes the order twice quickly must not
    // see the slower, earlier answer drawn over the later one.
    var turn = after ? st.turn : ++st.turn, latest = () => turn === st.turn;
    return call("GET", path + (q ? "?" + q : "")).then((d) => {
      if (!latest()) return null;
      st.thread = d.thread;
      st.next = d.next;
      st.roots = after ? st.roots.concat(d.comments) : d.comments;
      return after ? null : ownComments();
    }).then((pending) => {
      if (!latest()) return;
      if (pending) st.pending = pending;
      render();
    }, (e) => { if (latest()) say(e.message, true); });
  }

  // The author's own held comments, read with the edit tokens kept in localStorage.
  function ownComments() {
    var o = mine(), shown = {}, jobs = [], pending = [];
    (function walk(cs) { cs.forEach((c) => { shown[c.id] = 1; walk(c.replies || []); }); })(st.roots);
    Object.keys(o).forEach((id) => {
      var m = o[id];
      if (!/^\d+$/.test(id)) return;
      if (!m || Date.now() - m.at > 30 * 864e5) return forget(id);
      if (m.k !== st.thread.key || shown[id]) return;
      jobs.push(call("GET", "/comments/" + id, null, m.t).then((c) => {
        if (c.status === "pending") pending.push(c);
        else if (c.status !== "approved") forget(id);
      }, (e) => { if (e.status === 403 || e.status === 404) forget(id); }));
    });
    return Promise.all(jobs).then(() => pending);
  }

  function render() {
    var thread = st.thread, byId = {};
    heading.textContent = (thread.title || t("Comments")) + " (" + thread.count + ")";
    heading.dir = thread.title ? "auto" : "";
    list.textContent = "";
    st.roots.forEach((c) => { list.append(item(c, byId)); });
    st.pending.sort((a, b) => { return a.id - b.id; }).forEach((c) => {
      var host = byId[c.parent_id];
      (host ? replies(host) : list).append(item(c, byId, true));
    });
    if (!list.firstChild) list.append(el("li", "cc-empty", t("No comments yet. Be the first to share your thoughts.")));
    more.hidden = !st.next;
    order.hidden = thread.count < 2;
    compose.textContent = "";
    compose.append(thread.locked ? el("p", "cc-closed", t("Comments on this article are closed.")) : form(null),
      out(el("a", "cc-link", t("Follow this thread")), base + path.slice(0, -9) + "#follow"));
    resized();
  }

  function child(li, cls) {
    return li.querySelector(":scope > ." + cls);
  }

  function replies(li) {
    var ol = child(li, "cc-replies");
    if (!ol) { ol = el("ol", "cc-replies"); li.append(ol); }
    return ol;
  }

  function out(a, href) {
    a.href = href;
    a.rel = "nofollow ugc noopener";
    a.target = "_blank";
    return a;
  }

  // In the clinic's time zone, written the reader's way, with the zone's name.
  function when(iso) {
    var o = { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit",
      timeZoneName: "short", timeZone: T.timezone };
    try { return new Date(iso).toLocaleString(T.lang, o); } catch (e) { return iso; }
  }

  function safe(html) {
    var doc = new DOMParser().parseFromString("<body>" + html, "text/html"), frag = document.createDocumentFragment();
    (function copy(from, to) {
      [].forEach.call(from.childNodes, (n) => {
        if (n.nodeType === 3) return to.append(n.data);
        if (n.nodeType !== 1 || /^(SCRIPT|STYLE|TEMPLATE)$/.test(n.tagName)) return;
        if (!TAGS.test(n.tagName)) return copy(n, to);
        var e = document.createElement(n.tagName), href = n.getAttribute("href") || "";
        if (n.tagName === "A" && /^(https?|mailto):/i.test(href)) out(e, href);
        copy(n, e);
        to.append(e);
      });
    })(doc.body, frag);
    return frag;
  }

  function item(c, byId, pending) {
    var li = el("li", "cc-comment" + (pending ? " cc-pending" : "") + (c.deleted ? " cc-removed" : "") + (c.pinned ? " cc-pinned" : ""));
    li.id = "cc-" + c.id;
    byId[c.id] = li;
    if (c.deleted) {
      li.append(el("p", "cc-muted", t("This comment was removed.")));
    } else {
      var head = el("div", "cc-meta"), body = el("div", "cc-body");
      var who = /^https?:\/\//i.test(c.website) ? out(el("a", "cc-author", c.author), c.website) : el("strong", "cc-author", c.author);
      who.dir = body.dir = "auto"; // Arabic or Hebrew runs right to left
      head.append(who);
      if (c.is_staff) head.append(el("span", "cc-badge", t("Clinic staff")));
      if (c.pinned) head.append(el("span", "cc-badge cc-badge-pinned", t("Pinned by the clinic")));
      if (pending) head.append(el("span", "cc-badge cc-badge-pending", t("Awaiting moderation")));
      var time = el("time", "cc-time", when(c.created_at));
      head.append(time);
      time.dateTime = c.created_at;
      if (c.edited_at) head.append(el("span", "cc-muted", t("(edited)")));
      body.append(safe(c.html));
      li.append(head, body, actions(c, li, body, pending));
    }
    (c.replies || []).forEach((r) => { replies(li).append(item(r, byId)); });
    return li;
  }

  function actions(c, li, body, pending) {
    var bar = el("div", "cc-actions"), m = mine()[c.id];
    if (pending) bar.append(el("span", "cc-muted", t("Only you can see this until a moderator publishes it.")));
    if (!pending && !st.thread.locked) bar.append(button(t("Reply"), "cc-link", () => { attach(li, form(c)); }));
    if (m && Date.parse(m.u) > Date.now()) {
      bar.append(button(t("Edit"), "cc-link", () => { edit(c, body, m); }));
      bar.append(button(t("Delete"), "cc-link", (b) => { remove(c, m, b); }));
    } else if (!pending) {
      bar.append(button(t("Report"), "cc-link", () => { attach(li, report(c)); }));
    }
    return bar;
  }

  function attach(li, f) {
    var open = child(li, "cc-form");
    if (open) open.remove();
    li.insertBefore(f, child(li, "cc-replies"));
    f.querySelector("textarea").focus();
    resized();
  }

  function field(f, name, label, tag, props) {
    var id = "cc-" + name + "-" + ++uid, wrap = el("div", "cc-field"), l = el("label", "", label), i = el(tag);
    l.htmlFor = id;
    Object.assign(i, { id: id, name: name }, props);
    wrap.append(l, i);
    f.append(wrap);
    return i;
  }

  function problems(s, err) {
    var rest = [], fields = err.fields || {};
    s.send.disabled = false;
    s.f.querySelectorAll(".cc-error").forEach((e) => { e.remove(); });
    Object.keys(fields).forEach((name) => {
      var i = s.f.elements.namedItem(name), text = fields[name].map(tr).join(" ");
      if (!i) return rest.push(text);
      i.setAttribute("aria-invalid", "true");
      i.parentNode.insertBefore(el("p", "cc-error", text), i);
    });
    s.msg.textContent = rest.length ? rest.join(" ") : err.message;
    s.msg.className = "cc-form-msg cc-bad";
    // On a phone the problem may be out of sight: take the reader to the first field named.
    var first = s.f.querySelector("[aria-invalid=true]");
    if (first) first.focus();
    resized();
  }

  // A form with a message line and buttons; `send` returns the request's promise.
  function shell(title, submit, cancel, send) {
    var f = el("form", "cc-form"), msg = el("p", "cc-form-msg"), row = el("div", "cc-row"), go = el("button", "cc-button", submit);
    var s = { f: f, msg: msg, send: go };
    f.noValidate = true;
    msg.setAttribute("aria-live", "polite");
    go.type = "submit";
    if (title) f.append(el("h3", "cc-form-title", title));
    row.append(go);
    s.row = row;
    if (cancel) row.append(button(t("Cancel"), "cc-link", () => { cancel(f); resized(); }));
    f.addEventListener("submit", (e) => {
      e.preventDefault();
      go.disabled = true;
      msg.className = "cc-form-msg";
      msg.textContent = t("Sending…");
      send().then(null, (err) => { problems(s, err); });
    });
    s.done = () => {
      if (s.extra) row.insertBefore(s.extra, go.nextSibling);
      f.append(msg, row);
      return f;
    };
    return s;
  }

  function drop(f) { f.remove(); }

  function form(parent) {
    var token = null, s = shell(parent ? t("Reply to %(author)s", { author: parent.author }) : t("Leave a comment"),
      parent ? t("Post reply") : t("Post comment"), parent && drop, send);
    var author = field(s.f, "author", t("Your name"), "input", { type: "text", maxLength: 100, autocomplete: "name", dir: "auto", value: mine().name || "" });
    var email = field(s.f, "email", t("Email (optional, never shown)"), "input", { type: "email", maxLength: 254, autocomplete: "email" });
    var ask = field(s.f, "notify", t("Email me when someone replies (we ask you to confirm first)"), "input", { type: "checkbox" });
    var text = field(s.f, "body", parent ? t("Your reply") : t("Your comment"), "textarea", { maxLength: 5000, rows: parent ? 3 : 4, dir: "auto" });
    var hint = el("p", "cc-hint", t("Markdown works: **bold**, *italic*, > quotes, lists and links. Please do not share personal health details here."));
    hint.id = text.id + "-hint";
    text.setAttribute("aria-describedby", hint.id);
    text.parentNode.insertBefore(hint, text);
    var shown = el("div", "cc-preview");
    shown.hidden = true;
    shown.setAttribute("aria-live", "polite");
    s.extra = button(t("Preview"), "cc-button cc-secondary", () => {
      call("POST", "/preview", { body: text.value }).then((d) => {
        shown.textContent = "";
        shown.append(el("h4", "cc-preview-title", t("Preview")), el("p", "cc-muted", t("This is how your comment will look. It is not posted yet.")));
        var b = el("div", "cc-body");
        b.dir = "auto";
        b.append(safe(d.html));
        shown.append(b);
        shown.hidden = false;
        s.msg.textContent = "";
        resized();
      }, (err) => { problems(s, err); });
    });
    s.f.append(shown);
    call("GET", "/form-token").then((d) => { token = d.form_token; }, () => { /* optional */ });
    function send() {
      if (s.asked) return post();
      return call("POST", "/comments/check", { body: text.value }).then((c) => {
        if (!c.personal_health_info) return post();
        s.asked = true;
        warn(s, c.kinds, { message: text.value, name: author.value, email: email.value });
      }, post);
    }
    function post() {
      var data = { author: author.value, body: text.value };
      if (token) data.form_token = token;
      if (email.value) data.email = email.value;
      if (parent) data.parent_id = parent.id;
      return call("POST", path, data).then((d) => {
        var o = mine();
        o[d.id] = { t: d.edit_token, k: d.thread_key, u: d.edit_until, at: Date.now() };
        o.name = author.value;
        keep(o);
        var sub = ask.checked && email.value && call("POST", path.replace(/comments$/, "subscriptions"), { email: email.value, comment_id: d.id, lang: T.lang });
        return Promise.resolve(sub).then(() => page(null)).then(() => {
          say((d.status === "approved" ? t("Thank you! Your comment is published.") :
            t("Thank you! Your comment is awaiting moderation; only you can see it for now.")) +
            (sub ? " " + t("Once your address is confirmed, we will mail you replies.") : ""));
          var li = document.getElementById("cc-" + d.id);
          if (li) li.scrollIntoView({ block: "nearest" });
        });
      });
    }
    return s.done();
  }

  // Personal health details: a prompt first. The text goes to the contact form in the fragment, never sent to a server.
  function warn(s, kinds, carried) {
    var box = el("div", "cc-health"), names = { diagnosis: t("a diagnosis or condition"), medication: t("a medicine and its dose"),
      birth_date: t("a date of birth"), phone: t("a phone number"), patient_number: t("a patient or record number"), email: t("an email address") };
    box.setAttribute("role", "alert");
    box.append(el("p", "cc-health-title", t("This will be public. For questions about your own care, use the private contact form.")),
      el("p", "", t("Your comment seems to include %(details)s. Anyone can read a published comment, and search engines keep it.",
        { details: kinds.map((k) => names[k] || k).join(", ") })),
      out(el("a", "cc-button", t("Use the private contact form")), base + "/contact#carry=" + encodeURIComponent(JSON.stringify(carried))),
      el("p", "cc-muted", t("Or change your comment below, or post it anyway: a moderator will read it before it appears.")));
    s.f.insertBefore(box, s.f.firstChild.nextSibling);
    s.send.textContent = t("Post publicly anyway");
    s.send.disabled = false;
    s.msg.textContent = "";
    box.querySelector("a").focus();
    resized();
  }

  function edit(c, body, m) {
    call("GET", "/comments/" + c.id, null, m.t).then((own) => {
      var s = shell("", t("Save"), (f) => { f.replaceWith(body); }, () => {
        return call("PATCH", "/comments/" + c.id, { body: text.value }, m.t).then((d) => {
          return page(null).then(() => {
            say(d.status === "approved" ? t("Your change is saved.") : t("Your change is saved and awaits moderation."));
          });
        });
      });
      var text = field(s.f, "body", t("Edit your comment"), "textarea", { maxLength: 5000, rows: 4, dir: "auto", value: own.body });
      body.replaceWith(s.done());
      text.focus();
      resized();
    }, (err) => { say(err.message, true); });
  }

  function remove(c, m, b) {
    if (!b.getAttribute("data-sure")) {
      b.setAttribute("data-sure", "1");
      b.textContent = t("Yes, delete it");
      return;
    }
    call("DELETE", "/comments/" + c.id, null, m.t).then(() => {
      forget(c.id);
      return page(null).then(() => { say(t("Your comment was deleted.")); });
    }, (err) => { say(err.message, true); });
  }

  function report(c) {
    var s = shell(t("Report this comment"), t("Send report"), drop, () => {
      return call("POST", "/comments/" + c.id + "/report", { reason: reason.value }).then(() => {
        return page(null).then(() => { say(t("Thank you. A moderator will look at this comment again.")); });
      });
    });
    var reason = field(s.f, "reason", t("What is wrong with this comment?"), "textarea", { maxLength: 500, rows: 2, dir: "auto" });
    return s.done();
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function button(label, cls, fn) {
    var b = el("button", cls, label);
    b.type = "button";
    b.addEventListener("click", () => { fn(b); });
    return b;
  }

  // The host page's --cc-* properties travel to the iframe in the URL fragment (never sent).
  function frame() {
    var theme = {}, cs = getComputedStyle(box);
    THEME.forEach((n) => {
      var v = cs.getPropertyValue("--cc-" + n).trim();
      if (v) theme[n] = v;
    });
    var f = el("iframe", "cc-iframe");
    f.title = "Comments";
    ready.then(() => { f.title = t("Comments"); });
    f.src = base + "/embed/thread?key=" + encodeURIComponent(key) + "&origin=" +
      encodeURIComponent(location.origin) + "&lang=" + langs + "#" +
      encodeURIComponent(JSON.stringify({ theme: theme, scheme: box.getAttribute("data-scheme") || "" }));
    Object.assign(f.style, { width: "100%", border: "0", display: "block", height: "300px" });
    box.append(f);
    addEventListener("message", (e) => {
      var d = e.data;
      if (e.origin !== base || e.source !== f.contentWindow || !d || d.type !== "clinic-comments:height") return;
      if (d.height > 0) f.style.height = Math.min(Math.ceil(d.height), 1e5) + "px";
    });
  }

})();
