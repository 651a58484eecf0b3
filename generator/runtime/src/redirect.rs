//! Redirects: the policy, which 3xx answers are followed and where to, and what the next hop sends.
//!
//! reqwest's own redirect following is turned off in the client the builder makes, because it
//! replays a `POST` answered with 301 or 302 as a `GET` without its body and hands back the
//! `GET`'s answer as if it were the `POST`'s. The transport follows redirects itself, by the
//! rules of [`RedirectPolicy`], so that a redirect never changes what was sent.

#[cfg(test)]
mod tests;

use bytes::Bytes;
use reqwest::header::{HeaderMap, AUTHORIZATION, COOKIE, LOCATION, PROXY_AUTHORIZATION};
use reqwest::{Method, StatusCode, Url};

/// Which redirects the transport follows.
///
/// With [`RedirectPolicy::safe`] (the default):
///
/// - `GET` and `HEAD` follow 301, 302, 303, 307 and 308, to any origin, with the same
///   method.
/// - Every other method (`POST`, `PUT`, `PATCH`, `DELETE`) follows only 307 and 308, which
///   promise that the request is to be sent again unchanged, and only to the same origin
///   (scheme, host and port), with the same method and the same body.
/// - At most [`RedirectPolicy::max_hops`] redirects are followed (10 by default); a
///   redirect to a URL already visited in the same call is a loop and is not followed.
/// - The credentials (the `Authorization` header) and every header marked sensitive, as
///   well as `Cookie` and `Proxy-Authorization`, are never sent to an origin other than the
///   one the call started at: they are dropped at the first hop that leaves it and are not
///   sent again for the rest of the call.
/// - A redirect from `https` to `http`, to a URL holding a username or password, or to a
///   scheme other than http(s) is not followed.
///
/// Any redirect that is not followed, and any other 3xx status (300, 304, …), is reported
/// as [`Error::Redirect`](super::Error::Redirect) with the status and the `Location`.
///
/// The policy only holds for the HTTP client the builder makes. A client given to
/// [`ClientBuilder::reqwest_client`](super::ClientBuilder::reqwest_client) must be built
/// with `reqwest::redirect::Policy::none()`, or reqwest follows redirects itself before the
/// transport sees them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RedirectPolicy {
    /// The most redirects followed in one call.
    max_hops: u32,
}

impl Default for RedirectPolicy {
    /// [`RedirectPolicy::safe`].
    fn default() -> Self {
        Self::safe()
    }
}

impl RedirectPolicy {
    /// Follows the redirects that cannot change what was sent, at most 10 in one call.
    pub fn safe() -> Self {
        Self { max_hops: 10 }
    }

    /// Follows no redirect: every 3xx status is [`Error::Redirect`](super::Error::Redirect).
    pub fn none() -> Self {
        Self { max_hops: 0 }
    }

    /// Sets the most redirects followed in one call; 0 is [`RedirectPolicy::none`].
    #[must_use]
    pub fn with_max_hops(mut self, max_hops: u32) -> Self {
        self.max_hops = max_hops;
        self
    }

    /// The most redirects followed in one call.
    pub fn max_hops(&self) -> u32 {
        self.max_hops
    }
}

/// One request as it goes on the wire: the first of a call, or one a redirect led to.
#[derive(Clone, Debug)]
pub(super) struct Hop {
    /// The method, which a redirect never changes.
    pub(super) method: Method,
    /// The full URL.
    pub(super) url: Url,
    /// The parameter headers, the `Cookie` header and the body's `Content-Type`.
    pub(super) headers: HeaderMap,
    /// The body, which a redirect never changes.
    pub(super) body: Option<Bytes>,
    /// Whether the credentials may be sent: every hop so far stayed on the first origin.
    pub(super) credentials: bool,
}

/// Why a redirect was not followed, for tracing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    /// A 3xx status that is not a redirect to follow (300, 304, 305, …).
    Status,
    /// 301, 302 or 303 to a method other than `GET` or `HEAD`, which reqwest and browsers
    /// would replay as a `GET`.
    Method,
    /// The policy's hop limit is reached (at once for [`RedirectPolicy::none`]).
    HopLimit,
    /// No `Location` header.
    NoLocation,
    /// A `Location` that is not one URL.
    BadLocation,
    /// A `Location` whose scheme is not http(s).
    Scheme,
    /// A `Location` holding a username or password.
    Userinfo,
    /// A redirect from `https` to `http`.
    Downgrade,
    /// A method other than `GET` or `HEAD` redirected to another origin.
    CrossOrigin,
    /// A `Location` already visited in the same call.
    Loop,
}

impl Refusal {
    /// A short name for tracing.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Method => "method",
            Self::HopLimit => "hop_limit",
            Self::NoLocation => "no_location",
            Self::BadLocation => "bad_location",
            Self::Scheme => "scheme",
            Self::Userinfo => "userinfo",
            Self::Downgrade => "downgrade",
            Self::CrossOrigin => "cross_origin",
            Self::Loop => "loop",
        }
    }
}

/// The hop a redirect answer leads to, or why it is not followed. `hops` counts the
/// redirects already followed in the call and `visited` holds every URL sent to so far.
pub(super) fn next_hop(
    policy: &RedirectPolicy,
    hop: &Hop,
    status: StatusCode,
    headers: &HeaderMap,
    hops: u32,
    visited: &[Url],
) -> Result<Hop, Refusal> {
    let any_method = matches!(hop.method, Method::GET | Method::HEAD);
    match status.as_u16() {
        307 | 308 => {}
        301..=303 if any_method => {}
        301..=303 => return Err(Refusal::Method),
        _ => return Err(Refusal::Status),
    }
    if hops >= policy.max_hops {
        return Err(Refusal::HopLimit);
    }
    let target = target_url(&hop.url, headers)?;
    let same_origin = target.origin() == hop.url.origin();
    if !same_origin && !any_method {
        return Err(Refusal::CrossOrigin);
    }
    if visited.contains(&target) {
        return Err(Refusal::Loop);
    }
    let credentials = hop.credentials && same_origin;
    let headers = if credentials {
        hop.headers.clone()
    } else {
        without_credentials(&hop.headers)
    };
    Ok(Hop {
        method: hop.method.clone(),
        url: target,
        headers,
        body: hop.body.clone(),
        credentials,
    })
}

/// The `Location` header's text, when there is exactly one and it is visible ASCII, for
/// [`Error::Redirect`](super::Error::Redirect).
pub(super) fn location(headers: &HeaderMap) -> Option<String> {
    let mut values = headers.get_all(LOCATION).iter();
    match (values.next(), values.next()) {
        (Some(value), None) => value.to_str().ok().map(str::to_owned),
        _ => None,
    }
}

/// A URL for tracing: its origin alone. The query holds parameter values, and so does the
/// path, which tracing never records elsewhere either (it records the path template).
pub(super) fn traced(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// Resolves the one `Location` against the current URL and checks where it leads.
fn target_url(current: &Url, headers: &HeaderMap) -> Result<Url, Refusal> {
    let mut values = headers.get_all(LOCATION).iter();
    let text = match (values.next(), values.next()) {
        (None, _) => return Err(Refusal::NoLocation),
        (Some(value), None) => value.to_str().map_err(|_| Refusal::BadLocation)?,
        (Some(_), Some(_)) => return Err(Refusal::BadLocation),
    };
    let mut target = current.join(text).map_err(|_| Refusal::BadLocation)?;
    if !matches!(target.scheme(), "http" | "https") {
        return Err(Refusal::Scheme);
    }
    // reqwest would turn userinfo into an `Authorization` header of the server's choosing.
    if !target.username().is_empty() || target.password().is_some() {
        return Err(Refusal::Userinfo);
    }
    if current.scheme() == "https" && target.scheme() == "http" {
        return Err(Refusal::Downgrade);
    }
    // A fragment is never sent; dropping it keeps the loop check about what is sent.
    target.set_fragment(None);
    Ok(target)
}

/// The headers without anything that could be a credential: `Authorization`, `Cookie`,
/// `Proxy-Authorization` and every value marked sensitive.
fn without_credentials(headers: &HeaderMap) -> HeaderMap {
    let mut kept = HeaderMap::with_capacity(headers.len());
    for (name, value) in headers {
        let credential = [AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION].contains(name);
        if !credential && !value.is_sensitive() {
            kept.append(name.clone(), value.clone());
        }
    }
    kept
}
