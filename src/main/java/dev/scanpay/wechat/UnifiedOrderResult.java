package dev.scanpay.wechat;

/**
 * A created Native payment; both values are valid for two hours.
 *
 * @param prepayId WeChat's id of the payment session
 * @param codeUrl the text to render as the QR code; opaque
 */
public record UnifiedOrderResult(String prepayId, String codeUrl) {
}
