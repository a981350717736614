/**
 * Pictures that explain the hardware and the tilings of the lessons, drawn from the playground's own objects
 * (the Ada facts in {@code ada}, the tile sizes and shapes a lesson runs): the SM and memory hierarchy, the tile
 * walk of a tiled matmul, the tiles of flash attention. Each is a {@link dev.kernelplayground.picture.Picture}:
 * it draws on a {@code Graphics2D} and shows in a notebook as SVG (text stays text), with a plain-text summary of
 * the same numbers for consoles.
 */
package dev.kernelplayground.picture;
