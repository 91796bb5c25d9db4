// Module shapes for the theme's non-TypeScript imports (tsc checks the theme's .ts files, not the .vue ones).
declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
declare module "*.css";
