package dev.scanpay.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the console's page at {@code /admin}: a static page, which asks for an admin key and keeps it in the
 * browser tab only.
 */
@Controller
class ConsolePage {

	@GetMapping({ "/admin", "/admin/" })
	String console() {
		return "forward:/admin/index.html";
	}
}
