/** MitID.dk's front page: what MitID is, getting it without a net bank, help, and the safety advice. */
import type { FastifyInstance } from 'fastify';
import { html } from '../../platform/html/html.ts';

export function registerFrontPage(app: FastifyInstance): void {
  app.get('/', async (req, reply) => {
    const t = req.t;
    return reply.page(
      t('mitid.home.title'),
      html`<h1>${t('mitid.home.title')}</h1>
<p class="font-lead">${t('mitid.home.intro')}</p>
<section aria-labelledby="get-title" class="mitid-box">
  <h2 id="get-title">${t('mitid.home.getTitle')}</h2>
  <p>${t('mitid.home.getText')}</p>
  <p><a class="button button-primary" href="/tilmelding/mitid-dk">${t('mitid.home.getButton')}</a></p>
  <p>${t('mitid.home.bankText')}</p>
</section>
<section aria-labelledby="selfservice-title">
  <h2 id="selfservice-title">${t('selfservice.loginLink')}</h2>
  <p>${t('selfservice.loginText')}</p>
  <p><a class="button button-secondary" href="/selvbetjening/log-paa">${t('selfservice.loginLink')}</a></p>
</section>
<section aria-labelledby="safety-title">
  <h2 id="safety-title">${t('mitid.home.safetyTitle')}</h2>
  <ol>
    <li>${t('mitid.home.safety1')}</li>
    <li>${t('mitid.home.safety2')}</li>
    <li>${t('mitid.home.safety3')}</li>
    <li>${t('mitid.home.safety4')}</li>
    <li>${t('mitid.home.safety5')}</li>
  </ol>
</section>
<section aria-labelledby="help-title">
  <h2 id="help-title">${t('mitid.home.helpTitle')}</h2>
  <p>${t('mitid.home.help')}</p>
</section>`,
    );
  });
}
