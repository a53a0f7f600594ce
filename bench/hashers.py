"""The password hasher of the bench server only (make bench sets DJANGO_PASSWORD_HASHERS).

Every simulated user logs in through the real login form; at Django's 1 000 000 PBKDF2
iterations the 400 logins of one run would cost minutes of CPU on a 2-core machine and drown
the pages being measured. Same algorithm, fewer iterations, synthetic accounts only; the cost
of one real login is measured separately and reported (bench/queries.py).
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class BenchPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1000
