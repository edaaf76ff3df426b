-- The W3C trace context (traceparent) of the span that wrote a row, so that its publication joins that trace even
-- when another instance publishes it after a crash. Null where tracing is off.
alter table outbox add column trace_parent text;
alter table mission_event add column trace_parent text;
