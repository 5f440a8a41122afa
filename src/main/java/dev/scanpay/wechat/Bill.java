package dev.scanpay.wechat;

import java.time.LocalDate;
import java.util.List;

/**
 * A daily bill as WeChat sent it: comma-separated lines whose fields start with a backtick, a header first and a
 * summary header and line last, amounts in yuan.
 *
 * @param date the Beijing day the bill covers
 * @param type which transactions it lists
 * @param text the decompressed text, line ends as sent
 */
public record Bill(LocalDate date, BillType type, String text) {

	/**
	 * The non-empty lines, without their {@code \n} or {@code \r\n} ends.
	 */
	public List<String> lines() {
		return text.lines().filter(line -> !line.isEmpty()).toList();
	}
}
