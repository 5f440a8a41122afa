package dev.scanpay.sandbox;

import dev.scanpay.platform.HttpDeadlines;
import dev.scanpay.platform.PooledHttpClients;
import dev.scanpay.wechat.WeChatXml;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;

/**
 * Posts notifications to notify URLs over pooled connections, as WeChat does: once each, no redirect followed,
 * and an attempt that has not finished within the notify timeout, from connecting to the end of the answer, is cut
 * off and counts as a timeout.
 */
class NotifyClient implements AutoCloseable {

	private static final ContentType TEXT_XML = ContentType.create("text/xml", StandardCharsets.UTF_8);

	/**
	 * What a notify URL answered: its status and at most {@link WeChatXml#MAX_BODY_BYTES} plus one byte of its body
	 * (more is no WeChat XML anyway).
	 */
	record Answer(int status, byte[] body) {
	}

	private final CloseableHttpClient http;

	/** Cuts attempts off at the timeout. */
	private final HttpDeadlines deadlines;

	/**
	 * @param connections as many as notifications are sent at once, so that none waits for a connection
	 */
	NotifyClient(Duration timeout, int connections) {
		this.http = PooledHttpClients.create(connections, timeout, timeout, DefaultClientTlsStrategy.createSystemDefault());
		this.deadlines = new HttpDeadlines(timeout, "sandbox-notify-deadline-");
	}

	/**
	 * @throws SocketTimeoutException if the attempt did not finish within the notify timeout
	 */
	Answer post(URI target, String notification) throws IOException {
		var request = new HttpPost(withoutUserInfo(target));
		request.setEntity(new ByteArrayEntity(notification.getBytes(StandardCharsets.UTF_8), TEXT_XML));
		return deadlines.within(request, () -> http.execute(request, response -> new Answer(response.getCode(),
				response.getEntity() == null ? new byte[0]
						: response.getEntity().getContent().readNBytes(WeChatXml.MAX_BODY_BYTES + 1))));
	}

	/** The user info of a URL goes into no request line; this client would refuse to send a request with it. */
	private static URI withoutUserInfo(URI url) {
		if (url.getRawUserInfo() == null) {
			return url;
		}
		return URI.create(url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
				+ url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
	}

	@Override
	public void close() {
		deadlines.close();
		http.close(CloseMode.GRACEFUL);
	}
}
