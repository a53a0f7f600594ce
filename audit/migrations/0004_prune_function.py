"""Pruning only through audit_prune(), a SECURITY DEFINER function of the owner role (issue 14
§3): the app's role has no DELETE on the audit log, so the function is its one way to remove
rows, and it refuses a retention below the minimum. The trigger no longer trusts a setting any
role can change (`SET LOCAL audit.allow_prune`); it lets a DELETE through only for rows past
the minimum retention, whoever asks."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION {s}.audit_retention_days() RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT 183';
COMMENT ON FUNCTION {s}.audit_retention_days() IS
  '审计日志最短保留期（天）：等保2.0 三级，至少6个月';

CREATE OR REPLACE FUNCTION {s}.audit_append_only() RETURNS trigger
  LANGUAGE plpgsql SET search_path = {s}, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.created_at < now() - make_interval(days => audit_retention_days())
  THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除';
END
$$;

CREATE FUNCTION {s}.audit_prune(older_than_days integer, OUT removed bigint,
                                OUT cutoff timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, pg_temp AS $$
BEGIN
  IF older_than_days IS NULL OR older_than_days < audit_retention_days() THEN
    RAISE EXCEPTION '审计日志至少保留%天（6个月）。', audit_retention_days()
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  cutoff := now() - make_interval(days => older_than_days);
  DELETE FROM audit_auditlog WHERE created_at < cutoff;
  GET DIAGNOSTICS removed = ROW_COUNT;
END
$$;
REVOKE ALL ON FUNCTION {s}.audit_prune(integer) FROM PUBLIC;
COMMENT ON FUNCTION {s}.audit_prune(integer) IS
  '删除早于 older_than_days 天的审计日志；保留期不得少于 audit_retention_days()';
"""

BACKWARD = """
DROP FUNCTION {s}.audit_prune(integer);
CREATE OR REPLACE FUNCTION {s}.audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('audit.allow_prune', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除';
END
$$ LANGUAGE plpgsql;
ALTER FUNCTION {s}.audit_append_only() RESET search_path;
DROP FUNCTION {s}.audit_retention_days();
"""


def _run(schema_editor, sql):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cur:
        cur.execute("SELECT quote_ident(current_schema())")
        schema = cur.fetchone()[0]
    # params=None: the SQL is sent as written (its '%' are PL/pgSQL's, not placeholders)
    schema_editor.execute(sql.format(s=schema), None)


def forwards(apps, schema_editor):
    _run(schema_editor, FORWARD)


def backwards(apps, schema_editor):
    _run(schema_editor, BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_download_action")]
    operations = [migrations.RunPython(forwards, backwards)]
