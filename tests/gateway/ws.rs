//! A minimal WebSocket client (text frames only) for the event stream and the web chat socket.

use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

pub struct Ws {
    stream: BufReader<TcpStream>,
}

impl Ws {
    /// Connects to `path` (with its query) on the gateway at `url` (`http://host:port`).
    pub async fn connect(url: &str, path: &str) -> Ws {
        let host = url.strip_prefix("http://").expect("http url");
        let mut tcp = TcpStream::connect(host).await.expect("connect");
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        );
        tcp.write_all(req.as_bytes()).await.expect("handshake");
        let mut stream = BufReader::new(tcp);
        let mut head = Vec::new();
        while !head.ends_with(b"\r\n\r\n") {
            head.push(stream.read_u8().await.expect("handshake answer"));
        }
        let head = String::from_utf8_lossy(&head);
        assert!(head.starts_with("HTTP/1.1 101"), "{head}");
        Ws { stream }
    }

    /// Sends one text frame (masked, as a client must).
    pub async fn send(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut frame = vec![0x81u8];
        match bytes.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n => {
                frame.push(0x80 | 126);
                frame.extend_from_slice(&(n as u16).to_be_bytes());
            }
        }
        let mask = [1u8, 2, 3, 4];
        frame.extend_from_slice(&mask);
        frame.extend(bytes.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.stream.get_mut().write_all(&frame).await.expect("send");
    }

    /// The next text frame as JSON (bounded wait).
    pub async fn recv(&mut self) -> Value {
        tokio::time::timeout(Duration::from_secs(20), self.recv_inner()).await.expect("a frame within 20 s")
    }

    async fn recv_inner(&mut self) -> Value {
        loop {
            let b0 = self.stream.read_u8().await.expect("frame");
            let b1 = self.stream.read_u8().await.expect("frame");
            let len = match b1 & 0x7f {
                126 => self.stream.read_u16().await.expect("len") as usize,
                127 => self.stream.read_u64().await.expect("len") as usize,
                n => n as usize,
            };
            let mut payload = vec![0u8; len];
            self.stream.read_exact(&mut payload).await.expect("payload");
            if b0 & 0x0f == 1 {
                return serde_json::from_slice(&payload).expect("JSON text frame");
            }
        }
    }
}
