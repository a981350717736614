// Screenshots of the playground's pictures as a learner sees them: a notebook opened in Jupyter's classic UI in
// headless Chromium. For every SVG output it saves one PNG and checks that the picture fits the output area
// (no horizontal scrolling) and that its labels are text. For every profiler view (Playground.profile, %%cuda
// --profile) it saves one PNG of the whole view and checks that the kernel's lines read from the left (Jupyter's
// stylesheets align table cells right), that the counted lines have visible bars and that the roofline is drawn
// (or its absence explained).
// Run by pictures.sh, which starts the notebook server.
// Usage: NODE_PATH=<folder with node_modules/playwright-core> node pictures.cjs BASE_URL TOKEN OUT_DIR NOTEBOOK...
const { chromium } = require('playwright-core');

(async () => {
  const [base, token, out, ...notebooks] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  // tall enough for a whole profiler view (one row per source line) without scrolling inside the notebook
  const page = await browser.newPage({ viewport: { width: 1280, height: 5000 } });
  let problems = 0;
  for (const notebook of notebooks) {
    await page.goto(`${base}/notebooks/${notebook}?token=${token}`);
    await page.waitForSelector('.output_svg svg, .kp-profile', { timeout: 180000 });
    // the classic notebook folds long outputs into a scrolled box: show them whole
    await page.addStyleTag({ content: '.output_scroll { height: auto !important; max-height: none !important; overflow: visible !important; }' });
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
    const views = await page.$$('.kp-profile');
    for (let i = 0; i < views.length; i++) {
      const view = views[i];
      await view.scrollIntoViewIfNeeded();
      const look = await view.evaluate(div => {
        const code = [...div.querySelectorAll('td pre')].map(pre => pre.closest('td'));
        const bars = [...div.querySelectorAll('td span')].filter(s => s.getBoundingClientRect().width > 0);
        return { lines: code.length, left: code.filter(td => getComputedStyle(td).textAlign === 'left').length,
                 bars: bars.length, barColour: bars.length ? getComputedStyle(bars[0]).backgroundColor : '',
                 // the roofline, or the line saying why a kernel without FLOPs (a copy, a transpose) has no point
                 roofline: div.querySelector('img') ? 'drawn' : div.textContent.includes('No roofline point') ? 'explained' : '',
                 title: div.querySelector('h3') ? div.querySelector('h3').textContent : '' };
      });
      const file = `${out}/${notebook.replace('.ipynb', '')}-profile-${i + 1}.png`;
      await view.screenshot({ path: file });
      const good = look.lines > 0 && look.left === look.lines && look.bars > 0 && look.barColour !== 'rgba(0, 0, 0, 0)' && look.roofline !== '';
      if (!good) problems++;
      console.log(`${good ? 'ok  ' : 'BAD '} ${file}: ${look.left} of ${look.lines} lines aligned left, ${look.bars} bars (${look.barColour}), roofline ${look.roofline}: ${look.title}`);
    }
  }
  await browser.close();
  process.exit(problems ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
