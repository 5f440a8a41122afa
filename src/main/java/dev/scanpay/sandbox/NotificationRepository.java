package dev.scanpay.sandbox;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

@WhenSandboxEnabled
interface NotificationRepository extends JpaRepository<Notification, Long> {

	List<Notification> findByOutTradeNoOrderById(String outTradeNo);
}
