-- The nothing-lost check, run by bench/check in the app's database with the emulator's ledgers on standard
-- input: one line per trade it considers paid ('trade', out_trade_no, transaction_id, total_fee) and one per
-- refund it knows ('refund', out_trade_no, transaction_id, refund_fee, out_refund_no, refund_status). Prints
-- one line per check: name|found|expected.
create temp table wechat
(
  kind           varchar(8)  not null,
  out_trade_no   varchar(32) not null,
  transaction_id varchar(32) not null,
  fee            bigint      not null,
  out_refund_no  varchar(64),
  refund_status  varchar(16)
);
\copy wechat from pstdin

create temp table ledger as
select out_trade_no, transaction_id, fee as total_fee from wechat where kind = 'trade';
alter table ledger add primary key (out_trade_no);

create temp table refund_ledger as
select out_refund_no, out_trade_no, transaction_id, fee as refund_fee, refund_status from wechat where kind = 'refund';
create index on refund_ledger (out_refund_no);

-- Orders paid here: PAID, or refunded in part or in full since.
create temp view paid_orders as
select * from orders where status in ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED');

-- Refunds of orders (not of anomalies' payments), and what each order has of them.
create temp view order_refunds as
select * from refund where anomaly_id is null;

select 'trades paid at WeChat (the ledger)', (select count(*) from ledger), coalesce(:'expected', '')
union all
select 'orders paid here (PAID, PARTIALLY_REFUNDED or REFUNDED)', (select count(*) from paid_orders),
       coalesce(:'expected', '')
union all
select 'paid at WeChat, not paid here with that transaction',
       (select count(*) from ledger l left join paid_orders o on o.id = l.out_trade_no
        where o.id is null or o.transaction_id is distinct from l.transaction_id), '0'
union all
select 'paid here without that payment in the ledger',
       (select count(*) from paid_orders o
        where not exists (select 1 from ledger l where l.out_trade_no = o.id and l.transaction_id = o.transaction_id)),
       '0'
union all
select 'paid at WeChat for another amount than the order''s',
       (select count(*) from ledger l join orders o on o.id = l.out_trade_no where o.total_fee <> l.total_fee), '0'
union all
select 'paid orders without exactly one payment log row',
       (select count(*) from paid_orders o where (select count(*) from payment_log p where p.order_id = o.id) <> 1),
       '0'
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
select 'paid orders whose payment is not PAID',
       (select count(*) from paid_orders o
        where not exists (select 1 from payment p where p.order_id = o.id and p.state = 'PAID'
                                                    and p.transaction_id = o.transaction_id)), '0'
union all
select 'anomalies (payments that could not be applied, refunds that went wrong)',
       (select count(*) from order_anomaly), '0'
union all
select 'refunds at WeChat (the refund ledger)', (select count(*) from refund_ledger), ''
union all
select 'refunds here (SUCCEEDED)', (select count(*) from refund where state = 'SUCCEEDED'), ''
union all
select 'refunds at WeChat under an out_refund_no it made twice',
       (select coalesce(sum(rows - 1), 0)
        from (select count(*) as rows from refund_ledger group by out_refund_no) per_number), '0'
union all
select 'refunds at WeChat, not one SUCCEEDED refund here with that amount',
       (select count(*) from refund_ledger l left join refund r on r.id = l.out_refund_no
        where l.refund_status = 'SUCCESS'
          and (r.id is null or r.state <> 'SUCCEEDED' or r.amount <> l.refund_fee
               or r.transaction_id <> l.transaction_id or r.order_id <> l.out_trade_no)), '0'
union all
select 'refunds at WeChat not final there (PROCESSING)',
       (select count(*) from refund_ledger where refund_status not in ('SUCCESS', 'REFUNDCLOSE', 'CHANGE')), '0'
union all
select 'refunds at WeChat in another final state here',
       (select count(*) from refund_ledger l left join refund r on r.id = l.out_refund_no
        where l.refund_status in ('REFUNDCLOSE', 'CHANGE')
          and r.state is distinct from case l.refund_status when 'REFUNDCLOSE' then 'CLOSED' else 'CHANGED' end), '0'
union all
select 'SUCCEEDED refunds here WeChat did not make',
       (select count(*) from refund r
        where r.state = 'SUCCEEDED'
          and not exists (select 1 from refund_ledger l where l.out_refund_no = r.id and l.refund_status = 'SUCCESS'
                                                          and l.refund_fee = r.amount)), '0'
union all
select 'refunds here not final (REQUESTED or PROCESSING)',
       (select count(*) from refund where state in ('REQUESTED', 'PROCESSING')), '0'
union all
select 'orders refunded more than paid here (refunds not CLOSED or REJECTED)',
       (select count(*) from orders o
        join (select order_id, sum(amount) as held from order_refunds where state not in ('CLOSED', 'REJECTED')
              group by order_id) r on r.order_id = o.id
        where r.held > o.total_fee), '0'
union all
select 'transactions refunded more than paid here',
       (select count(*) from (select transaction_id from refund where state not in ('CLOSED', 'REJECTED')
                              group by transaction_id having sum(amount) > min(total_fee)) over_cap), '0'
union all
select 'trades refunded more than paid at WeChat',
       (select count(*) from ledger l
        join (select out_trade_no, sum(refund_fee) as refunded from refund_ledger where refund_status <> 'REFUNDCLOSE'
              group by out_trade_no) r on r.out_trade_no = l.out_trade_no
        where r.refunded > l.total_fee), '0'
union all
select 'refunds at WeChat of a trade it has not paid',
       (select count(*) from refund_ledger r
        where not exists (select 1 from ledger l where l.out_trade_no = r.out_trade_no
                                                    and l.transaction_id = r.transaction_id)), '0'
union all
select 'orders whose refunded amount is not the sum of their SUCCEEDED refunds',
       (select count(*) from orders o
        where o.refunded_fen <> (select coalesce(sum(r.amount), 0) from order_refunds r
                                 where r.order_id = o.id and r.state = 'SUCCEEDED')), '0'
union all
select 'orders whose status disagrees with their refunded amount',
       (select count(*) from paid_orders o
        where o.status <> case when o.refunded_fen = 0 then 'PAID'
                               when o.refunded_fen < o.total_fee then 'PARTIALLY_REFUNDED'
                               else 'REFUNDED' end), '0'
union all
select 'SUCCEEDED order refunds not applied to their order once',
       (select count(*) from order_refunds r
        where r.state = 'SUCCEEDED' and not exists (select 1 from order_refund a where a.refund_id = r.id)), '0'
union all
select 'refunds applied to an order without a SUCCEEDED refund',
       (select count(*) from order_refund a
        where not exists (select 1 from order_refunds r where r.id = a.refund_id and r.state = 'SUCCEEDED')), '0'
union all
select 'units returned here that no SUCCEEDED refund brought back, or the reverse',
       (select coalesce(sum(abs(coalesce(here.units, 0) - coalesce(refunded.units, 0))), 0)
        from (select order_id, sku_id, sum(returned_quantity) as units from order_item
              group by order_id, sku_id having sum(returned_quantity) > 0) here
        full join (select r.order_id, ri.sku_id, sum(ri.quantity) as units
                   from refund_item ri join order_refunds r on r.id = ri.refund_id
                   where r.state = 'SUCCEEDED' group by r.order_id, ri.sku_id) refunded
          on refunded.order_id = here.order_id and refunded.sku_id = here.sku_id), '0'
union all
-- Stock is conserved: what a SKU started with is what it has plus what open and paid orders hold, less the
-- units that came back with refunds.
select 'units of stock created or lost',
       (select coalesce(sum(abs(i.stock - s.stock
                                - (select coalesce(sum(oi.quantity - oi.returned_quantity), 0)
                                   from order_item oi join orders o on o.id = oi.order_id
                                   where oi.sku_id = i.sku_id
                                     and o.status in ('UNPAID', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')))), 0)
        from load_initial_stock i join sku s on s.id = i.sku_id), '0';
