package dev.scanpay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback between the test application and RabbitMQ that a test can cut and restore, to see
 * the application through a broker outage without stopping the broker for everyone else.
 */
public final class RabbitProxy {

	private static final RabbitProxy INSTANCE = new RabbitProxy("127.0.0.1", 5672);

	private final String targetHost;
	private final int targetPort;
	private final ServerSocket server;
	private final Set<Socket> open = ConcurrentHashMap.newKeySet();
	private volatile boolean cut;

	private RabbitProxy(String targetHost, int targetPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		var acceptor = new Thread(this::accept, "rabbit-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public static RabbitProxy instance() {
		return INSTANCE;
	}

	int port() {
		return server.getLocalPort();
	}

	/** Drops every connection and refuses new ones, as a broker that went away. */
	public void cut() {
		cut = true;
		open.forEach(RabbitProxy::closeQuietly);
		open.clear();
	}

	public void restore() {
		cut = false;
	}

	private void accept() {
		while (true) {
			try {
				var client = server.accept();
				if (cut) {
					closeQuietly(client);
					continue;
				}
				var broker = new Socket(targetHost, targetPort);
				open.add(client);
				open.add(broker);
				pipe(client, broker);
				pipe(broker, client);
			}
			catch (IOException e) {
				// a refused or broken connection: the client sees it as a broker outage and retries
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		var thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException e) {
				// the other side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				open.remove(from);
				open.remove(to);
			}
		}, "rabbit-proxy-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException e) {
			// closing anyway
		}
	}
}
