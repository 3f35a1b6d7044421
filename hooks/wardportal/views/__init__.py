"""Article views counted from the web server's access logs (no JavaScript, no cookies).

accesslog: reading combined-format lines; agents: who is not a reader; counter: the counting
rules and what was already read; store: the data file under content/_portal/.
"""
