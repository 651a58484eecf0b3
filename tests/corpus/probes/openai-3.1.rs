//! OpenAI's published 3.1 description, generated as is, streaming a chat completion from
//! loopback servers: the chunks OpenAI sends (`chat.completion.chunk` objects, then `data:
//! [DONE]`) split across TCP writes at every byte boundary, a chunk that does not match the
//! document between good ones, a body cut inside an event, and the request the stream sends.
//! Run by `generator/tests/corpus_probes.rs` as the generated crate's own test, with only the
//! `chat` feature on. Every server is on 127.0.0.1 and every test is bounded in time.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::time::Duration;

use openai_probe::models::{
    ChatCompletionRequestMessage, ChatCompletionRequestUserMessage,
    ChatCompletionRequestUserMessageContent, CreateChatCompletionRequest,
    CreateChatCompletionStreamResponse, ErrorResponse, ModelIdsShared,
};
use openai_probe::runtime::{Error, Event, StreamExt};
use openai_probe::Client;

/// The longest any test waits for its stream.
const BOUND: Duration = Duration::from_secs(30);

/// Reads one request (head and `Content-Length` body) and returns it as text.
fn read_request(stream: &mut TcpStream) -> String {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&received).into_owned();
        if let Some(head_end) = text.find("\r\n\r\n") {
            let length = text[..head_end]
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if received.len() >= head_end + 4 + length {
                return text;
            }
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return String::from_utf8_lossy(&received).into_owned(),
            Ok(count) => received.extend_from_slice(&buffer[..count]),
        }
    }
}

/// Serves one connection per entry of `replies`, in order, each written piece by piece (one
/// TCP write each) and then closed; the requests come back on the channel.
fn serve(replies: Vec<Vec<Vec<u8>>>) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds on loopback");
    let base_url = format!("http://{}", listener.local_addr().expect("address"));
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for pieces in replies {
            let Ok((mut stream, _)) = listener.accept() else { return };
            let _ = stream.set_nodelay(true);
            let _ = sender.send(read_request(&mut stream));
            for piece in pieces {
                if stream.write_all(&piece).and_then(|()| stream.flush()).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    });
    (base_url, receiver)
}

/// The head of a 200 event-stream answer whose body ends when the connection closes.
const HEAD: &[u8] =
    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";

/// Two chunks as OpenAI sends them (the role in the first delta, the finish reason in the
/// last), then the end marker.
const SAMPLE: &[u8] = b"data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"logprobs\":null,\"finish_reason\":null}]}\n\
\n\
data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\
\n\
data: [DONE]\n\
\n";

type Item = Result<Event<CreateChatCompletionStreamResponse>, Error<ErrorResponse>>;

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .bearer_auth("sk-test")
        .build()
        .expect("client")
}

fn request() -> CreateChatCompletionRequest {
    let message = ChatCompletionRequestUserMessage::builder()
        .content(ChatCompletionRequestUserMessageContent::TextContent(
            "Say hello".to_owned(),
        ))
        .build()
        .expect("the message is complete");
    CreateChatCompletionRequest::builder()
        .messages(vec![
            ChatCompletionRequestMessage::ChatCompletionRequestUserMessage(message),
        ])
        .model(ModelIdsShared::Gpt4o)
        .stream(true)
        .build()
        .expect("the request is complete")
}

/// Every item of the stream of one call, in bounded time.
fn stream_once(client: &Client) -> Vec<Item> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(async {
            let stream = client.create_chat_completion_stream(&request());
            tokio::time::timeout(BOUND, stream.collect::<Vec<_>>())
                .await
                .expect("the stream ends in bounded time")
        })
}

/// The text of each chunk's first choice.
fn contents(items: &[Item]) -> Vec<Option<String>> {
    items
        .iter()
        .map(|item| {
            let event = item.as_ref().ok()?;
            event.data.choices.first()?.delta.content.clone()
        })
        .collect()
}

#[test]
fn a_chat_completion_stream_split_at_every_byte_boundary_yields_the_same_chunks() {
    let mut replies: Vec<Vec<Vec<u8>>> = (1..SAMPLE.len())
        .map(|cut| {
            let (head, tail) = SAMPLE.split_at(cut);
            vec![HEAD.to_vec(), head.to_vec(), tail.to_vec()]
        })
        .collect();
    replies.push(
        std::iter::once(HEAD.to_vec())
            .chain(SAMPLE.iter().map(|byte| vec![*byte]))
            .collect(),
    );
    let count = replies.len();
    let (base_url, requests) = serve(replies);
    let client = client(&base_url);
    for connection in 1..=count {
        let items = stream_once(&client);
        assert_eq!(
            contents(&items),
            [Some("Hel".to_owned()), Some("lo".to_owned())],
            "connection {connection}: {items:?}"
        );
        let last = items[1].as_ref().expect("the last chunk");
        assert_eq!(last.data.id, "chatcmpl-1");
        assert!(last.data.choices[0].finish_reason.is_some(), "{last:?}");
    }
    let sent = requests.recv().expect("a request");
    assert!(sent.starts_with("POST /chat/completions "), "{sent}");
    let lower = sent.to_ascii_lowercase();
    assert!(lower.contains("accept: text/event-stream"), "{sent}");
    assert!(lower.contains("authorization: bearer sk-test"), "{sent}");
    assert!(sent.contains("\"stream\":true"), "{sent}");
    assert!(sent.contains("\"model\":\"gpt-4o\""), "{sent}");
    assert!(
        sent.contains("\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]"),
        "{sent}"
    );
}

#[test]
fn a_chunk_the_document_does_not_describe_is_an_error_item_and_the_stream_goes_on() {
    // The first chunk, a chunk whose `choices` is not a list, then the rest of the sample.
    let first = SAMPLE.split(|byte| *byte == b'\n').next().expect("a first line");
    let mut body = first.to_vec();
    body.extend_from_slice(b"\n\nid: 7\ndata: {\"id\": 5, \"choices\": \"none\"}\n\n");
    body.extend_from_slice(&SAMPLE[first.len() + 2..]);
    let (base_url, _requests) = serve(vec![vec![HEAD.to_vec(), body]]);
    let items = stream_once(&client(&base_url));
    assert_eq!(items.len(), 3, "{items:?}");
    match &items[1] {
        Err(Error::Event { event, id, .. }) => {
            assert_eq!((event.as_str(), id.as_deref()), ("message", Some("7")));
        }
        other => panic!("expected the undecodable chunk, got {other:?}"),
    }
    assert_eq!(
        contents(&items),
        [Some("Hel".to_owned()), None, Some("lo".to_owned())]
    );
}

#[test]
fn a_body_cut_inside_a_chunk_is_an_error_item_not_a_silent_end() {
    // Inside the second chunk's JSON: the end marker and its blank lines are the last 16 bytes.
    let cut = SAMPLE.len() - 40;
    let (base_url, _requests) = serve(vec![vec![HEAD.to_vec(), SAMPLE[..cut].to_vec()]]);
    let items = stream_once(&client(&base_url));
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(contents(&items[..1]), [Some("Hel".to_owned())]);
    assert!(
        matches!(items[1], Err(Error::StreamCut { operation: "createChatCompletion", .. })),
        "{:?}",
        items[1]
    );
}
