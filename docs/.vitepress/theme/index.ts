import { defineAsyncComponent } from "vue";
import DefaultTheme from "vitepress/theme";
import type { Theme } from "vitepress";
import MatrixTable from "./components/MatrixTable.vue";
import Argv from "./components/Argv.vue";
import "./custom.css";

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component("MatrixTable", MatrixTable);
    app.component("Argv", Argv);
    // The playground (CodeMirror, the worker) is loaded only on its page.
    app.component("Playground", defineAsyncComponent(() => import("./components/Playground.vue")));
  },
} satisfies Theme;
