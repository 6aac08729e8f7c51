-- A document first read as ordinary and later marked secret (Mật, Tối mật, Tuyệt mật)
-- must leave nothing but its portal id (issue 16). task_events stays append-only for
-- everything else; only the purge, which sets cddh.purge for its own transaction
-- (SET LOCAL), may delete the events of the tasks it removes.
CREATE OR REPLACE FUNCTION task_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('cddh.purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'task_events is append-only';
END $$;
