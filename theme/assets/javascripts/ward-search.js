/* Ward Portal search page (tim-kiem/): Pagefind, loaded only once the reader searches.

   Vietnamese rules, matching what hooks/wardportal/search_records.py indexes:
   - the query is NFC and split on anything that is not a letter or digit (“Ngọc, (UBND));
     `đ` is searched as `d` (the index holds each word folded, Pagefind folds the other marks);
   - a query of 2 to 4 words is also searched joined (`hoangvantu`): the index holds names and
     adjacent title words joined, so the page naming that person, or holding the words
     together, comes first;
   - the index holds each word once per page, not the page's text: the text of each result
     shown is fetched (pagefind/<part>/text/…/index.txt) to make its excerpt, folding marks and đ on
     both sides (`duong` highlights “đường”), and to put the pages that hold the query words
     together, in order, first.
   Everything is built with textContent: nothing from the index runs as markup. */

const PAGE_SIZE = 10;
const EXCERPT_WORDS = 30;
const RERANK = PAGE_SIZE; // the results shown first, reordered by phrase: the words together, in order, first

const box = document.querySelector("[data-ward-search]");
const form = box.querySelector("form");
const field = box.querySelector("input[name=q]");
const sortField = box.querySelector("select[name=sap-xep]");
const filterFields = Array.from(box.querySelectorAll("select[data-ward-filter]"));
const status = box.querySelector(".ward-search__status");
const list = box.querySelector(".ward-search__results");
const more = box.querySelector(".ward-search__more");
const root = new URL(box.getAttribute("data-ward-root") || "./", location.href);

let pagefindPromise = null;
let generation = 0;
let shown = [];
let shownCount = 0;
let currentTerms = [];
let currentWords = [];
let typingTimer = null;

/* Pagefind, with every part of the index merged: a large portal's index is built in parts
   (pagefind/parts.json names them, newest first, and those with dated pages;
   hooks/wardportal/search_shards.py). The list is asked for anew (no-cache): a rebuild can
   change the parts. */
function loadPagefind() {
  if (!pagefindPromise) {
    const loading = pagefindPromise = (async () => {
      const response = await fetch(new URL("pagefind/parts.json", root), { cache: "no-cache" });
      if (!response.ok) throw new Error(`pagefind/parts.json: ${response.status}`);
      const listed = await response.json();
      const parts = listed.parts, dated = listed.dated || listed.parts; // (a list written before `dated`)
      if (!parts.length) return { pagefind: null, parts, dated: [] };
      const options = { baseUrl: "/", excerptLength: EXCERPT_WORDS };
      const pagefind = await import(new URL(`pagefind/${parts[0]}/pagefind.js`, root).href);
      try {
        await pagefind.options(options);
        await pagefind.init();
        await Promise.all(parts.slice(1).map((part) => pagefind.mergeIndex(new URL(`pagefind/${part}/`, root).pathname, options)));
      } catch (error) {
        await pagefind.destroy();
        throw error;
      }
      return { pagefind, parts, dated };
    })();
    loading.catch(() => { if (pagefindPromise === loading) pagefindPromise = null; }); // tried again on the next search
  }
  return pagefindPromise;
}

/* After a failed search: Pagefind keeps one instance per page, and a part that failed to load
   stays in it, failing every later search; it is dropped, and all is loaded again next time. */
async function forgetPagefind() {
  const loading = pagefindPromise;
  pagefindPromise = null;
  try {
    const { pagefind } = await loading;
    if (pagefind) await pagefind.destroy();
  } catch (error) {
    // it never loaded: nothing to drop
  }
}

/* Newest first across parts: Pagefind sorts each part on its own and merges by score, so
   each dated part is searched alone (its `shard` filter) and the parts, newest first, joined.
   The portal's own pages have no date: not listed, as in a portal of one part. */
async function searchNewest(pagefind, dated, query, options) {
  const found = await Promise.all(dated.map((part) =>
    pagefind.search(query, { ...options, filters: { ...options.filters, shard: part } })));
  return { results: found.flatMap((one) => one.results) };
}

/* Lower case, no marks, đ → d: how two words are compared for highlighting. */
function fold(word) {
  return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
    .toLowerCase();
}

function terms(query) {
  return query.normalize("NFC").toLocaleLowerCase("vi").match(/[\p{L}\p{N}]+/gu) || [];
}

function filtersOf() {
  const filters = {};
  for (const select of filterFields) {
    if (select.value) filters[select.getAttribute("data-ward-filter")] = select.value;
  }
  return filters;
}

function syncAddress(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const select of [...filterFields, sortField]) {
    if (select.value) params.set(select.name, select.value);
  }
  const search = params.toString();
  history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
}

async function run() {
  const query = field.value.normalize("NFC").trim();
  const words = terms(query);
  const mine = ++generation;
  syncAddress(query);
  list.setAttribute("aria-busy", "true"); // until this query's results are in the list
  if (!words.length) {
    list.removeAttribute("aria-busy");
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    return;
  }
  status.textContent = "Đang tìm…";
  try {
    await findAndShow(query, words, mine);
  } catch (error) {
    await forgetPagefind();
    if (mine !== generation) return;
    list.removeAttribute("aria-busy");
    status.textContent = "Không tải được kết quả tìm kiếm. Hãy kiểm tra kết nối mạng rồi thử lại.";
  }
}

/* The query's results, ranked, and the first PAGE_SIZE of them shown with the status line. */
async function findAndShow(query, words, mine) {
  const { pagefind, dated } = await loadPagefind();
  const options = { filters: filtersOf() };
  const newest = sortField.value === "moi-nhat";
  if (newest) options.sort = { date: "desc" };
  const asked = words.map((word) => word.replace(/đ/g, "d"));
  const searches = !pagefind ? [{ results: [] }]
    : [newest ? searchNewest(pagefind, dated, asked.join(" "), options) : pagefind.search(asked.join(" "), options)];
  if (pagefind && !newest && words.length >= 2 && words.length <= 4) searches.push(pagefind.search(fold(asked.join("")), options));
  const [plain, joined] = await Promise.all(searches);
  if (mine !== generation) return; // a newer query is on its way
  const seen = new Set();
  shown = [];
  for (const result of [...(joined ? joined.results : []), ...plain.results]) {
    if (!seen.has(result.id)) {
      seen.add(result.id);
      shown.push(result);
    }
  }
  currentTerms = words.map(fold);
  currentWords = words;
  if (!newest && words.length >= 2) {
    await rerank(words);
    if (mine !== generation) return;
  }
  shownCount = 0;
  await showMore(mine, true);
  if (mine !== generation) return;
  list.removeAttribute("aria-busy");
  status.textContent = shown.length
    ? `Tìm thấy ${shown.length.toLocaleString("vi-VN")} kết quả cho “${query}”.`
    : `Không tìm thấy kết quả nào cho “${query}”. Hãy thử từ khóa ngắn hơn hoặc bỏ bớt bộ lọc.`;
}

/* The next PAGE_SIZE results; `fresh` replaces the list at once (never an empty list while
   their data loads). */
async function showMore(mine, fresh = false) {
  const batch = shown.slice(shownCount, shownCount + PAGE_SIZE);
  const pages = await Promise.all(batch.map(dataOf));
  if (mine !== generation) return;
  const items = pages.map(resultItem);
  if (fresh) list.replaceChildren(...items);
  else list.append(...items);
  shownCount += batch.length;
  more.hidden = shownCount >= shown.length;
}

/* A result's fragment (title, date, unit, thumbnail) with its readable text as `text`. */
function dataOf(result) {
  if (!result.wardData) {
    result.wardData = result.data().then(async (page) => {
      const part = encodeURIComponent((page.meta && page.meta.shard) || "");
      const response = await fetch(new URL(`pagefind/${part}/text/` + String(page.url || "").replace(/^\/+/, "") + "index.txt", root));
      page.text = response.ok ? (await response.text()).normalize("NFC") : "";
      return page;
    });
  }
  return result.wardData;
}

/* Stable reorder of the first RERANK results (their fragments are loaded to be shown anyway): the exact phrase, then the folded phrase, then
   the rest in Pagefind's order (the joined-name matches stay ahead of the rest). */
async function rerank(words) {
  const head = shown.slice(0, RERANK);
  const pages = await Promise.all(head.map(dataOf));
  const exactPhrase = " " + words.join(" ");
  const foldedPhrase = " " + words.map(fold).join(" ");
  const scored = head.map((result, position) => {
    const text = ((pages[position].meta || {}).title || "") + "\n" + pages[position].text;
    const plain = " " + (text.toLocaleLowerCase("vi").match(/[\p{L}\p{N}]+/gu) || []).join(" ");
    const score = plain.includes(exactPhrase) ? 2 : fold(plain).includes(foldedPhrase) ? 1 : 0;
    return { result, position, score };
  });
  scored.sort((a, b) => b.score - a.score || a.position - b.position);
  shown.splice(0, head.length, ...scored.map((entry) => entry.result));
}

function siteUrl(path) {
  return new URL(String(path || "").replace(/^\/+/, ""), root).href;
}

function resultItem(page) {
  const meta = page.meta || {};
  const item = document.createElement("li");
  item.className = "ward-result";
  if (meta.image) {
    const image = document.createElement("img");
    image.className = "ward-result__thumb";
    image.src = siteUrl(meta.image);
    image.alt = "";
    image.width = 160;
    image.height = 107;
    image.loading = "lazy";
    image.decoding = "async";
    item.appendChild(image);
  }
  const text = document.createElement("div");
  text.className = "ward-result__text";
  const heading = document.createElement("h2");
  heading.className = "ward-result__title";
  const link = document.createElement("a");
  link.href = siteUrl(page.url);
  link.textContent = meta.title || page.url;
  heading.appendChild(link);
  text.appendChild(heading);
  const details = [meta.date && `Ngày đăng ${meta.date}`, meta.unit].filter(Boolean);
  if (details.length) {
    const line = document.createElement("p");
    line.className = "ward-result__meta";
    line.textContent = details.join(" · ");
    text.appendChild(line);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "ward-result__excerpt";
  fillExcerpt(excerpt, page.text, currentTerms, currentWords);
  text.appendChild(excerpt);
  item.appendChild(text);
  return item;
}

/* The window of EXCERPT_WORDS words holding the most query words (exact spellings count
   more than folded ones), opening a few words before its first match; matches in <mark>. */
function fillExcerpt(element, text, wanted, exact) {
  const tokens = text.split(/(\s+)/).filter((token) => token.length);
  const words = [];
  tokens.forEach((token, index) => { if (!/^\s+$/.test(token)) words.push(index); });
  const matches = words.map((index) => {
    const token = tokens[index].toLocaleLowerCase("vi");
    const folded = fold(token).match(/[\p{L}\p{N}]+/gu) || [];
    const term = wanted.findIndex((want) => folded.some((part) => part.startsWith(want)));
    const same = term >= 0 && (token.match(/[\p{L}\p{N}]+/gu) || []).some((part) => part.startsWith(exact[term]));
    return { term, same };
  });
  let best = 0, bestScore = -1;
  for (let start = 0; start < Math.max(1, words.length - EXCERPT_WORDS + 1); start++) {
    const window = matches.slice(start, start + EXCERPT_WORDS).filter((match) => match.term >= 0);
    const score = 2 * new Set(window.map((match) => match.term)).size
      + new Set(window.filter((match) => match.same).map((match) => match.term)).size;
    if (score > bestScore) { best = start; bestScore = score; }
  }
  const firstMatch = matches.findIndex((match, position) => position >= best && match.term >= 0);
  if (firstMatch >= 0) best = Math.max(0, firstMatch - 6);
  const first = words[best], last = words[Math.min(words.length, best + EXCERPT_WORDS) - 1];
  if (first === undefined) return;
  if (best > 0) element.append("… ");
  for (let index = first; index <= last; index++) {
    const position = words.indexOf(index);
    if (position >= 0 && matches[position].term >= 0) {
      const mark = document.createElement("mark");
      mark.textContent = tokens[index];
      element.appendChild(mark);
    } else {
      element.append(tokens[index]);
    }
  }
  if (last < tokens.length - 1) element.append(" …");
}

function runSoon() {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(run, 250);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  run();
});
field.addEventListener("focus", loadPagefind, { once: true });
field.addEventListener("input", () => {
  const normal = field.value.normalize("NFC");
  if (normal !== field.value) field.value = normal;
  runSoon();
});
for (const select of [...filterFields, sortField]) select.addEventListener("change", run);
more.addEventListener("click", () => showMore(generation).catch(() => {
  status.textContent = "Không tải được thêm kết quả. Hãy kiểm tra kết nối mạng rồi thử lại.";
}));

const params = new URLSearchParams(location.search);
field.value = (params.get("q") || "").normalize("NFC");
for (const select of [...filterFields, sortField]) {
  const value = params.get(select.name);
  if (value && Array.from(select.options).some((option) => option.value === value)) select.value = value;
}
if (field.value.trim()) run();
