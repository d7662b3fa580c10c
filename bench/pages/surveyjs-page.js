// The peer's page for the side-by-side benchmark: renders the generated survey and offers
// `window.__exportPdf()`, which loads survey-pdf, jsPDF and the Vietnamese-capable fonts on first
// use (like the widget's lazy fonts) and resolves to the PDF as a Blob. The model is
// `window.__survey`, so the benchmark can tell which page is shown and which is the last.
const survey = new Survey.Model(window.SXSH_SURVEY);
window.__survey = survey;
SurveyUI.renderSurvey(survey, document.getElementById('survey'));

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
}

let pdfReady;
window.__exportPdf = async () => {
  pdfReady ??= loadScript('jspdf.umd.min.js')
    .then(() => loadScript('survey.pdf.min.js'))
    .then(() => loadScript('survey.pdf.fonts.min.js'));
  await pdfReady;
  const pdf = new SurveyPDF.SurveyPDF(window.SXSH_SURVEY, {
    fontName: 'Segoe',
    base64Normal: SurveyPDF.DocOptions.SEGOE_NORMAL,
    base64Bold: SurveyPDF.DocOptions.SEGOE_BOLD,
  });
  pdf.data = survey.data;
  return pdf.raw('blob');
};
