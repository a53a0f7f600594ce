"""COPY for the big tables of seed_bench (issue 20 §6): `copy_rows(model, objects)`.

bulk_create on PostgreSQL sends each batch as arrays (INSERT … SELECT * FROM UNNEST) and psycopg
quotes every JSON text of such an array in Python, character by character: the section texts
cost most of a block's time. COPY … FROM STDIN (psycopg 3 `cursor.copy`) streams the rows in
PostgreSQL's text format instead. Values go through each field's own `pre_save` and
`get_db_prep_save` (auto_now, JSON, encrypted fields: the same values the ORM would write);
no signals run, as with bulk_create. The biggest tables pass plain dicts (attname → value)
instead of model instances: a missing column takes the field's default (auto_now: now), and
only fields that need it (JSON) are adapted, which saves building 40 000 instances a block. With `ids=True` the primary keys are taken from the
table's sequence first and set on the objects, so rows that point at them (a score at its
sheet) can be built before the copy.
"""

from django.db import connection
from django.utils import timezone

# Columns whose Python value psycopg writes as the ORM would (no get_db_prep_save needed).
PLAIN = {"AutoField", "BigAutoField", "IntegerField", "PositiveIntegerField", "BigIntegerField",
         "PositiveSmallIntegerField", "SmallIntegerField", "CharField", "TextField",
         "BooleanField", "ForeignKey", "OneToOneField", "DateTimeField", "DateField",
         "DecimalField"}


def _allocate(cur, model, count: int) -> list[int]:
    meta = model._meta
    cur.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, count])
    return [row[0] for row in cur.fetchall()]


def _dict_values(fields, rows: list[dict]):
    now = timezone.now()
    defaults = {f.attname: now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                else f.get_default() for f in fields}
    adapt = [(f.attname, f.get_internal_type() not in PLAIN and f) for f in fields]
    for row in rows:
        yield [f.get_db_prep_save(row.get(name, defaults[name]), connection) if f
               else row.get(name, defaults[name]) for name, f in adapt]


def copy_dicts(model, rows: list[dict]) -> int:
    """Write `rows` ({attname: value}, the model's defaults for the rest) with one COPY."""
    if rows:
        fields = [f for f in model._meta.concrete_fields if not f.db_returning]
        _copy(model, fields, _dict_values(fields, rows))
    return len(rows)


def _copy(model, fields, values) -> None:
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    with connection.cursor() as cur, \
            cur.cursor.copy(f"COPY {qn(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)


def copy_rows(model, objects: list, *, ids: bool = False) -> list:
    """Write `objects` (unsaved instances of `model`) with one COPY; returns them."""
    if not objects:
        return objects
    fields = [f for f in model._meta.concrete_fields if ids or not f.db_returning]  # AutoField
    if ids:
        with connection.cursor() as cur:
            for obj, pk in zip(objects, _allocate(cur, model, len(objects)), strict=True):
                obj.pk = pk
    _copy(model, fields, ([f.get_db_prep_save(f.pre_save(obj, True), connection)
                           for f in fields] for obj in objects))
    for obj in objects:
        obj._state.adding, obj._state.db = False, connection.alias
    return objects
