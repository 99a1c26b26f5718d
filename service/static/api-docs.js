// Starts Swagger UI on /api/docs with the document of this very server. A file of its own,
// not an inline script, so the page keeps the site's Content-Security-Policy.
(function () {
  "use strict";
  var target = document.getElementById("api-reference");
  if (!target || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: target.getAttribute("data-document"),
    domNode: target,
    deepLinking: true,
    // No badge from the public validator: nothing on this page leaves our own origin.
    validatorUrl: null,
    // Trying requests out stays possible; the moderation API asks for a bearer token.
    tryItOutEnabled: false,
  });
})();
