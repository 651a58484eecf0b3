//! Paginated listings as one stream of items: `Transport::pages` sends the first page's
//! request, yields its items, and fetches the next page only when the items run out and the
//! stream is polled again, with every other input of the first request kept.
//!
//! Each page is one ordinary call (`Transport::execute`), so the retry policy applies per
//! page. The stream ends after a page without items, a page without a next one, a cursor or
//! link already followed, or a page whose body is the same as the one before (no endless
//! loop on a faulty server); an error ends it after the items of the pages before.

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, VecDeque};
use std::pin::Pin;

use bytes::Bytes;
use futures_core::Stream;
use reqwest::header::{HeaderMap, LINK};
use reqwest::Url;

use super::decode::{DecodeError, RawResponse};
use super::error::Error;
use super::request::Request;
use super::transport::Transport;

/// How the request of the next page is made.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextPage {
    /// The query parameter of this name is set to the cursor the page gives (a response
    /// field, or the id of its last item).
    Query(&'static str),
    /// The URL of the `Link` header's `rel="next"` entry is fetched.
    Link,
    /// The URL the page gives in a body field (the cursor `split` returns) is fetched.
    Url,
    /// The query parameter of this name, a page number, is counted up from the first
    /// request's value (1 when it has none).
    Number(&'static str),
}

/// How the next page's request differs from the last one's.
enum Step {
    /// The query parameter set to this value.
    Query(&'static str, String),
    /// This URL instead of the path and query.
    Url(Url),
}

/// The state of one listing.
struct Pages<S, F, X, T, E> {
    transport: Transport,
    request: Request,
    next_page: NextPage,
    success: S,
    error: F,
    split: X,
    /// Items of the last page not yet yielded.
    ready: VecDeque<T>,
    /// Whether no page is left to fetch.
    done: bool,
    /// The cursors and links followed so far.
    seen: BTreeSet<String>,
    /// The body of the last page.
    last_body: Option<Bytes>,
    /// The error that ends the listing, given once the items before it are out.
    failure: Option<Error<E>>,
}

/// A stream of every item of a listing.
type Items<T, E> = Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send + 'static>>;

impl Transport {
    /// Every item of a paginated listing, fetched page by page as the stream is polled:
    /// each page decoded with `success` (or its error with `error`, as
    /// [`Transport::execute`] does), then cut by `split` into its items and the cursor it
    /// gives for the next page, if any (read when `next_page` is [`NextPage::Query`] or
    /// [`NextPage::Url`]).
    #[doc(hidden)]
    pub fn pages<P, T, E, S, F, X>(
        &self,
        request: Request,
        next_page: NextPage,
        success: S,
        error: F,
        split: X,
    ) -> impl Stream<Item = Result<T, Error<E>>> + Send + Unpin + 'static
    where
        P: Send + 'static,
        T: Send + Sync + 'static,
        E: Send + Sync + 'static,
        S: Fn(&RawResponse) -> Result<P, DecodeError> + Send + Sync + 'static,
        F: Fn(&RawResponse) -> Result<E, DecodeError> + Send + Sync + 'static,
        X: Fn(P) -> (Vec<T>, Option<String>) + Send + Sync + 'static,
    {
        let state = Pages {
            transport: self.clone(),
            request,
            next_page,
            success,
            error,
            split,
            ready: VecDeque::new(),
            done: false,
            seen: BTreeSet::new(),
            last_body: None,
            failure: None,
        };
        let items: Items<T, E> = Box::pin(futures_util::stream::unfold(state, Pages::next));
        items
    }
}

impl<P, T, E, S, F, X> Pages<S, F, X, T, E>
where
    S: Fn(&RawResponse) -> Result<P, DecodeError>,
    F: Fn(&RawResponse) -> Result<E, DecodeError>,
    X: Fn(P) -> (Vec<T>, Option<String>),
{
    /// The next item and the state after it, or `None` at the end.
    async fn next(mut self) -> Option<(Result<T, Error<E>>, Self)> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some((Ok(item), self));
            }
            if let Some(failure) = self.failure.take() {
                return Some((Err(failure), self));
            }
            if self.done {
                return None;
            }
            // Whatever happens, this page is the last unless it names another.
            self.done = true;
            let operation = self.request.operation().operation_id;
            let response = match self
                .transport
                .execute(self.request.clone(), &self.success, &self.error)
                .await
            {
                Ok(response) => response,
                Err(error) => return Some((Err(error), self)),
            };
            let repeated = self.last_body.as_ref() == Some(response.raw_body());
            self.last_body = Some(response.raw_body().clone());
            let headers = response.http_headers().clone();
            let (items, cursor) = (self.split)(response.into_inner());
            if items.is_empty() || repeated {
                return None;
            }
            self.ready.extend(items);
            if let Err(reason) = self.prepare_next(cursor, &headers) {
                self.failure = Some(Error::NextPage { operation, reason });
            }
        }
    }

    /// Points the request at the next page, if the page names one that was not followed
    /// yet; leaves `done` set otherwise.
    fn prepare_next(&mut self, cursor: Option<String>, headers: &HeaderMap) -> Result<(), String> {
        let (key, step) = match self.next_page {
            NextPage::Query(name) => {
                let Some(cursor) = cursor.filter(|cursor| !cursor.is_empty()) else {
                    return Ok(());
                };
                (cursor.clone(), Step::Query(name, cursor))
            }
            NextPage::Number(name) => {
                let current = match self.request.query_value(name) {
                    Some(text) => text
                        .parse::<u64>()
                        .map_err(|_| format!("the page number {text:?} is not a number"))?,
                    None => 1,
                };
                let next = current.saturating_add(1).to_string();
                (next.clone(), Step::Query(name, next))
            }
            NextPage::Link => {
                let Some(link) = next_link(headers) else {
                    return Ok(());
                };
                let url = self.same_origin(&link)?;
                (link, Step::Url(url))
            }
            NextPage::Url => {
                let Some(link) = cursor.filter(|link| !link.is_empty()) else {
                    return Ok(());
                };
                let url = self.same_origin(&link)?;
                (link, Step::Url(url))
            }
        };
        if !self.seen.insert(key) {
            tracing::warn!("the server named a page already fetched; the listing ends there");
            return Ok(());
        }
        match step {
            Step::Query(name, value) => self.request.replace_query(name, value),
            Step::Url(url) => self.request.follow_url(url),
        }
        self.done = false;
        Ok(())
    }

    /// The link as a URL on the base URL's origin, which is where the credentials may go.
    fn same_origin(&self, link: &str) -> Result<Url, String> {
        let base = self.transport.base_url();
        let url = base
            .join(link)
            .map_err(|error| format!("the next-page link {link:?} is not a URL ({error})"))?;
        if url.origin() != base.origin() {
            return Err(format!(
                "the next-page link {link:?} leads away from the API's origin {}",
                base.origin().ascii_serialization()
            ));
        }
        Ok(url)
    }
}

/// The target of the first `rel="next"` entry of the `Link` headers (RFC 8288), if any.
pub(super) fn next_link(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .find_map(|entry| {
            let (target, parameters) = entry.trim().split_once('>')?;
            let target = target.trim().strip_prefix('<')?;
            let is_next = parameters.split(';').any(|parameter| {
                let Some((name, value)) = parameter.split_once('=') else {
                    return false;
                };
                name.trim().eq_ignore_ascii_case("rel")
                    && value
                        .trim()
                        .trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|rel| rel.eq_ignore_ascii_case("next"))
            });
            is_next.then(|| target.to_owned())
        })
}
