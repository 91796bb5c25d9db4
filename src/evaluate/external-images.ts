import { unknownImage, type BaseImage, type BaseImageResolver } from "../image/base-image.js";

/**
 * The external image a normalized reference names, asked of the resolver once per build and
 * recorded for {@link Evaluation.images}; an image the resolver does not know is {@link unknownImage}.
 */
export function resolveExternalImage(ctx: ImageLookup, ref: string): BaseImage {
  let image = ctx.images.get(ref);
  if (image === undefined) {
    image = ctx.resolver.resolve(ref) ?? unknownImage(ref);
    ctx.images.set(ref, image);
  }
  return image;
}

/** What looking up an external image needs: the resolver and the images asked for so far. */
export interface ImageLookup {
  readonly resolver: BaseImageResolver;
  readonly images: Map<string, BaseImage>;
}
