-- The pending queue's Redis updates no longer go through the event publication registry: the sweep and the
-- drainer repair the queue. Publications of theirs left incomplete would find no listener on resubmission and be
-- marked failed again at every run, so they go.
DELETE FROM event_publication WHERE listener_id LIKE 'dev.scanpay.reconciliation.PendingQueueUpdates.%';
