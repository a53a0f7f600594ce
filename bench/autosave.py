"""Server CPU and SQL queries of one autosave, in-process (issue 20 §2).

`measure(client, url, body, n)` posts `n` autosaves of one section through Django's test
client and answers (CPU ms per autosave by time.process_time, queries per autosave). `body(i)`
gives the i-th request as (data, content_type): the JSON patch of the page's autosave, or the
whole form (the explicit 保存 path and the autosave before issue 20). The first request is a
warm-up and not counted.
"""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def measure(client, url: str, body, n: int = 50) -> tuple[float, float]:
    def post(i):
        data, content_type = body(i)
        r = client.post(url, data, content_type=content_type, HTTP_X_AUTOSAVE="1") \
            if content_type else client.post(url, data, HTTP_X_AUTOSAVE="1")
        assert r.status_code == 200, r.content[:300]
        return r

    post(0)
    with CaptureQueriesContext(connection) as queries:
        started = time.process_time()
        for i in range(1, n + 1):
            post(i)
        cpu = time.process_time() - started
    return 1000 * cpu / n, len(queries) / n
