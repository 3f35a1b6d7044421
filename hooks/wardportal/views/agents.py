"""User agents that are not readers: crawlers, link-preview fetchers, tools, scripted clients.

A request counts as a view only when its agent presents itself as a browser (every browser
of the last fifteen years sends `Mozilla/5.0 …`; Opera's old ones `Opera/…`) and contains none
of these words (case-insensitive substrings). Fetchers that show no browser agent (Zalo's and
many chat apps' link previews, monitoring, scripts) are left out by the first rule, those that
pretend to be browsers by the list. The list is documented in README.md ("Counting views").
"""

from __future__ import annotations

import re

NOT_READERS = (
    # crawlers and indexers (Googlebot, bingbot, Baiduspider, YandexBot, coccocbot, AhrefsBot…)
    "bot", "crawl", "spider", "slurp", "archiver", "ia_archiver", "mediapartners",
    # link-preview fetchers (Facebook, Zalo, Messenger, Telegram, Slack, Skype, Viber…)
    "facebookexternalhit", "facebookcatalog", "meta-externalagent", "zalo-link-preview",
    "zalopreview", "preview", "embedly", "whatsapp", "viber", "skypeuripreview", "vkshare",
    "pinterest", "redditbot", "iframely", "outbrain", "flipboard", "bitlybot",
    # tools and scripted clients
    "curl", "wget", "python", "aiohttp", "httpx", "go-http-client", "java/", "okhttp",
    "libwww", "lwp-", "httpclient", "node-fetch", "axios", "undici", "guzzle", "ruby",
    "perl", "php/", "scrapy", "headless", "phantomjs", "selenium", "playwright", "puppeteer",
    "postman", "insomnia", "httpie", "powershell", "winhttp", "apache-httpclient",
    # monitoring, audits, feed readers (a feed fetch is no reading of the page)
    "lighthouse", "pagespeed", "gtmetrix", "pingdom", "uptime", "monitor", "nagios",
    "zabbix", "check_http", "statuscake", "feedfetcher", "feedly", "newsblur", "feed",
)

BROWSER_PREFIXES = ("Mozilla/", "Opera/")
_NOT_READER_RE = re.compile("|".join(re.escape(word) for word in NOT_READERS), re.IGNORECASE)


def is_reader(agent: str) -> bool:
    """A browser a person reads with: a non-empty agent that names no bot or tool."""
    agent = agent.strip()
    return agent.startswith(BROWSER_PREFIXES) and _NOT_READER_RE.search(agent) is None
