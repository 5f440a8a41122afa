package dev.scanpay.order;

public enum OrderStatus {
	UNPAID, PAID, CLOSED
}
