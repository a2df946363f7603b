"""The page's CSS and browser script (plain strings; no outside requests).

The script: shows the question at once (and a pending state), shows each new answer from
its top, scrolls only inside the document pane, gives messages readable accessible names,
makes Copy copy plain text and [n] open its source, and folds the document on phones.
"""

from __future__ import annotations

CSS = """
.qa-answer { font-size: 1.08em; line-height: 1.5; }
.qa-refusal { font-weight: 600; }
.qa-meta { margin: .3em 0; font-size: .85em; }
.qa-tentative { font-weight: 600; border-left: 3px solid currentColor; padding-left: .4em; }
.qa-sources { margin-top: .6em; font-size: .9em; }
.qa-sources-title { font-weight: 700; }
.qa-source-list { margin: .2em 0 0 0; padding-left: 0; list-style: none; }
.qa-source summary { cursor: pointer; }
.qa-source blockquote, .qa-related blockquote { margin: .3em 0 .5em .8em; }
.qa-source blockquote p, .qa-related blockquote p { margin: .2em 0; }
.qa-offsets { font-size: .85em; }
.qa-related { margin-top: .4em; font-size: .9em; }
.qa-tools { margin-top: .4em; }
.qa-copy { font-size: .85em; padding: .1em .6em; border: 1px solid currentColor;
  border-radius: .4em; background: transparent; color: inherit; cursor: pointer; }
.qa-user { white-space: pre-wrap; }
.qa-plain { display: none; }
.qa-document { max-height: 640px; overflow-y: auto; font-size: .9em; }
.qa-outline ul { margin: .2em 0 .8em 1em; }
.qa-outline .qa-level-2 { margin-left: 1em; }
.qa-heading { margin: .6em 0 .2em; }
mark { padding: 0 .1em; background: #fde68a; color: #1a1a1a; }
.dark mark { background: #fcd34d; color: #111111; }
mark strong, mark b { color: inherit; }
.qa-ref { color: #1d4ed8; }
.dark .qa-ref { color: #93c5fd; }
#chat button[aria-label="Clear"] { display: none; }  /* one Clear: ours */
#ask[disabled] { opacity: .6; cursor: progress; }
@media (max-width: 767px) { .qa-document { max-height: 70vh; } }
"""

HEAD = """
<script>
(() => {
  const pending = (on) => {
    const ask = document.querySelector('#ask');
    if (ask) { ask.disabled = on; ask.setAttribute('aria-busy', on ? 'true' : 'false'); }
    window.qaBusy = on;
  };
  const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;',
    '>': '&gt;', '"': '&quot;', "'": '&#x27;'}[c])).replace(/\\n/g, '<br>');
  const scroller = (el) => {
    for (let node = el && el.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      const scrolls = /(auto|scroll)/.test(style.overflowY);
      if (scrolls && node.scrollHeight > node.clientHeight) return node;
    }
    return null;
  };
  window.qaShow = (question, chat) => {
    if (window.qaBusy) return ['\\u0000busy', question, chat];
    if (!question || !question.trim()) return ['', '', chat];
    pending(true);
    const user = {role: 'user', content: [{type: 'text',
      text: '<div class="qa-user">' + escapeHtml(question) + '</div>'}],
      metadata: null, options: null};
    setTimeout(() => {
      const rows = document.querySelectorAll('#chat [data-testid="user"]');
      const last = rows[rows.length - 1];
      const box = scroller(last);
      if (box) box.scrollTop = box.scrollHeight;
    }, 50);
    return [question, '', [...(chat || []), user]];
  };
  window.qaDone = () => {
    pending(false);
    const place = () => {
      const answers = document.querySelectorAll('#chat [data-testid="bot"]');
      const last = answers[answers.length - 1];
      if (!last) return;
      const box = scroller(last);
      const rise = last.getBoundingClientRect().top - (box ? box.getBoundingClientRect().top : 0);
      if (box) box.scrollTop += rise - 8;
      const top = last.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight - 80) window.scrollBy(0, top - 80);
    };
    place();
    // a busy machine may lay the answer out after this runs: place it again once it has
    setTimeout(place, 250);
    const cited = document.getElementById('qa-cited');
    const pane = cited && scroller(cited);
    if (pane) {
      const offset = cited.getBoundingClientRect().top - pane.getBoundingClientRect().top;
      pane.scrollTop += offset - pane.clientHeight / 4;
    }
  };
  window.qaNarrow = () => {
    if (!window.matchMedia('(max-width: 767px)').matches) return;
    const toggle = document.querySelector('#doc-panel > button, #doc-panel .label-wrap');
    if (toggle && toggle.classList.contains('open')) toggle.click();
  };
  const label = (el) => {
    const bot = el.getAttribute('data-testid') === 'bot';
    const text = (el.querySelector('.qa-answer, .qa-user') || el).textContent.trim();
    const name = (bot ? 'Answer: ' : 'You asked: ') + text.slice(0, 300);
    if (el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
  };
  const messages = '#chat [data-testid="bot"], #chat [data-testid="user"]';
  const relabel = () => document.querySelectorAll(messages).forEach(label);
  new MutationObserver(relabel).observe(document.documentElement,
    {subtree: true, childList: true, characterData: true, attributes: true,
     attributeFilter: ['aria-label']});
  const copyText = async (text) => {
    try { await navigator.clipboard.writeText(text); return; } catch (e) { /* fall back */ }
    const area = document.createElement('textarea');
    area.value = text; area.style.position = 'fixed'; area.style.left = '-9999px';
    document.body.appendChild(area); area.select(); document.execCommand('copy'); area.remove();
  };
  const plainOf = (button) => {
    const plain = button.closest('.qa-tools').querySelector('.qa-plain');
    return plain ? plain.textContent : '';
  };
  document.addEventListener('click', (event) => {
    const copy = event.target.closest && event.target.closest('.qa-copy');
    if (copy) {
      event.preventDefault(); event.stopPropagation();
      copyText(plainOf(copy)).then(() => {
        copy.textContent = 'Copied'; setTimeout(() => { copy.textContent = 'Copy answer'; }, 2000);
      });
      return;
    }
    const ref = event.target.closest && event.target.closest('a.qa-ref');
    if (ref) {
      event.preventDefault(); event.stopPropagation();
      const target = document.getElementById(ref.getAttribute('href').slice(1));
      const details = target && target.querySelector('details');
      if (details) { details.open = true; details.querySelector('summary').focus(); }
      if (target) target.scrollIntoView({block: 'nearest'});
    }
  }, true);
})();
</script>
"""
