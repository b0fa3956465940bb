// svgcanvas ships no types; only what figure-svg-render.ts uses of its Context.
declare module 'svgcanvas' {
  export class Context {
    constructor(options: { width: number; height: number; document?: Document });
    width: number;
    height: number;
    getSerializedSvg(fixNamedEntities?: boolean): string;
  }
}
