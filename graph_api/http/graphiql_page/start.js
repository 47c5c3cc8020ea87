// Starts GraphiQL (with the query explorer) against the endpoint that served this page.
// A file, not an inline script, so the page's Content-Security-Policy can stay 'self'.
(function () {
  "use strict";

  // GraphiQL's dialogs add a <style> element while open (to stop the page scrolling); it
  // takes webpack's nonce global, which the page's CSP lets through for this response.
  window.__webpack_nonce__ = document.querySelector('meta[name="style-nonce"]').content;

  var WELCOME = [
    "# Ctrl-Enter runs the query; Docs and",
    "# Explorer are on the left. A token goes",
    "# in Headers: {\"Authorization\": \"Bearer …\"}",
    "# (`graph-api token --role staff`).",
    "",
    "{",
    "  provinces {",
    "    code",
    "    name",
    "  }",
    "}",
    "",
  ].join("\n");

  // Relative to this server: the page is served at the GraphQL endpoint's own path.
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });

  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: WELCOME,
      plugins: [GraphiQLPluginExplorer.explorerPlugin()],
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      // A pasted token stays in this tab; it is not written to localStorage.
      shouldPersistHeaders: false,
      inputValueDeprecation: true,
    })
  );
})();
