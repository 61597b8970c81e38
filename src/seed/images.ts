import sharp from 'sharp'

/** Demo artwork drawn at seed time, so the repository ships no binary images. */
export async function drawDemoImage(
  width: number,
  height: number,
  from: string,
  to: string,
  label: string,
): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>
  <circle cx="${width * 0.78}" cy="${height * 0.28}" r="${height * 0.22}" fill="#ffffff" fill-opacity="0.18"/>
  <rect x="${width * 0.1}" y="${height * 0.55}" width="${width * 0.5}" height="${height * 0.08}" rx="12" fill="#ffffff" fill-opacity="0.35"/>
  <rect x="${width * 0.1}" y="${height * 0.68}" width="${width * 0.34}" height="${height * 0.08}" rx="12" fill="#ffffff" fill-opacity="0.25"/>
  <text x="${width * 0.1}" y="${height * 0.42}" font-family="sans-serif" font-size="${Math.round(height / 9)}" font-weight="700" fill="#ffffff">${label}</text>
</svg>`
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer()
}
