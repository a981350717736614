// Screenshots of the playground's pictures as a learner sees them: a notebook opened in Jupyter's classic UI in
// headless Chromium. For every SVG output it saves one PNG and checks that the picture fits the output area
// (no horizontal scrolling) and that its labels are text. Run by pictures.sh, which starts the notebook server.
// Usage: NODE_PATH=<folder with node_modules/playwright-core> node pictures.cjs BASE_URL TOKEN OUT_DIR NOTEBOOK...
const { chromium } = require('playwright-core');

(async () => {
  const [base, token, out, ...notebooks] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  let problems = 0;
  for (const notebook of notebooks) {
    await page.goto(`${base}/notebooks/${notebook}?token=${token}`);
    await page.waitForSelector('.output_svg svg', { timeout: 180000 });
    const pictures = await page.$$('.output_svg');
    for (let i = 0; i < pictures.length; i++) {
      const picture = pictures[i];
      await picture.scrollIntoViewIfNeeded();
      const fit = await picture.evaluate(div => {
        const svg = div.querySelector('svg');
        const box = svg.getBoundingClientRect(), area = div.closest('.output_area').getBoundingClientRect();
        return { svgWidth: Math.round(box.width), areaWidth: Math.round(area.width), texts: svg.querySelectorAll('text').length,
                 title: svg.querySelector('text') ? svg.querySelector('text').textContent : '' };
      });
      const file = `${out}/${notebook.replace('.ipynb', '')}-${i + 1}.png`;
      await picture.screenshot({ path: file });
      const fits = fit.svgWidth <= fit.areaWidth && fit.texts > 0;
      if (!fits) problems++;
      console.log(`${fits ? 'ok  ' : 'BAD '} ${file}: ${fit.svgWidth} px in an output area of ${fit.areaWidth} px, ${fit.texts} text nodes: ${fit.title}`);
    }
  }
  await browser.close();
  process.exit(problems ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
