/**
 * The WeChat Pay v2 protocol: signing, a hardened XML codec, the HTTP client and typed requests and results.
 */
@NullMarked
package dev.scanpay.wechat;

import org.jspecify.annotations.NullMarked;
