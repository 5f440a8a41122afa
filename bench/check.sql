-- The nothing-lost check, run by bench/check in the app's database with the emulator's ledger (every trade
-- it considers paid: out_trade_no, transaction_id, total_fee) on standard input. Prints one line per check:
-- name|found|expected.
create temp table ledger
(
  out_trade_no   varchar(32) primary key,
  transaction_id varchar(32) not null,
  total_fee      bigint      not null
);
\copy ledger from pstdin

select 'trades paid at WeChat (the ledger)', (select count(*) from ledger), coalesce(:'expected', '')
union all
select 'orders PAID here', (select count(*) from orders where status = 'PAID'), coalesce(:'expected', '')
union all
select 'paid at WeChat, not PAID here with that transaction',
       (select count(*) from ledger l left join orders o on o.id = l.out_trade_no
        where o.status is distinct from 'PAID' or o.transaction_id is distinct from l.transaction_id), '0'
union all
select 'PAID here without that payment in the ledger',
       (select count(*) from orders o
        where o.status = 'PAID'
          and not exists (select 1 from ledger l where l.out_trade_no = o.id and l.transaction_id = o.transaction_id)),
       '0'
union all
select 'paid at WeChat for another amount than the order''s',
       (select count(*) from ledger l join orders o on o.id = l.out_trade_no where o.total_fee <> l.total_fee), '0'
union all
select 'PAID orders without exactly one payment log row',
       (select count(*) from orders o
        where o.status = 'PAID' and (select count(*) from payment_log p where p.order_id = o.id) <> 1), '0'
union all
select 'duplicate payment log rows',
       (select coalesce(sum(rows - 1), 0) from (select count(*) as rows from payment_log group by order_id) per_order),
       '0'
union all
select 'payment log rows the ledger does not know',
       (select count(*) from payment_log p
        where not exists (select 1 from ledger l where l.transaction_id = p.transaction_id
                                                    and l.out_trade_no = p.order_id)), '0'
union all
select 'PAID orders whose payment is not PAID',
       (select count(*) from orders o
        where o.status = 'PAID'
          and not exists (select 1 from payment p where p.order_id = o.id and p.state = 'PAID'
                                                    and p.transaction_id = o.transaction_id)), '0'
union all
select 'anomalies (payments that could not be applied)', (select count(*) from order_anomaly), '0'
union all
-- Stock is conserved: what a SKU started with is what it has plus what open and paid orders hold.
select 'units of stock created or lost',
       (select coalesce(sum(abs(i.stock - s.stock
                                - (select coalesce(sum(oi.quantity), 0)
                                   from order_item oi join orders o on o.id = oi.order_id
                                   where oi.sku_id = i.sku_id and o.status in ('UNPAID', 'PAID')))), 0)
        from load_initial_stock i join sku s on s.id = i.sku_id), '0';
