-- When the emulator first sent each notification, and how long the notify URL took to answer its latest
-- attempt, measured at the sender as WeChat would: lets load runs and drills see answer latencies.
ALTER TABLE sandbox_notification ADD COLUMN first_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sandbox_notification ADD COLUMN last_answer_micros BIGINT;
