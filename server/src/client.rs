//! Who is asking, and how often: the client's address (believed from `X-Forwarded-For` only
//! when the connection comes from a configured trusted proxy) and the per-address rate limits
//! (governor's keyed limiters, whose maps are swept every minute and whenever they pass a
//! bound, so a flood of addresses cannot grow them without end).

use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;

/// Keys a limiter holds before it sweeps out the ones that are back to a full allowance.
const SWEEP_AT: usize = 50_000;

/// The client of a request: the socket's address, or for a trusted proxy the right-most
/// forwarded address that is not itself a trusted proxy.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for hop in forwarded.iter().rev() {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => continue,
            Ok(ip) => return ip,
            // A hop the proxy did not write cannot be trusted: stop at the proxy itself.
            Err(_) => return peer,
        }
    }
    peer
}

/// The client address of a request, as an extractor.
pub struct Client(pub IpAddr);

impl FromRequestParts<AppState> for Client {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Client, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        Ok(Client(client_ip(peer, &parts.headers, &state.settings.trusted_proxies)))
    }
}

/// A per-address allowance of `n` a minute (a burst of `n`, refilled evenly).
pub struct Limiter {
    inner: DefaultKeyedRateLimiter<IpAddr>,
}

impl Limiter {
    pub fn per_minute(n: u32) -> Limiter {
        let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        Limiter { inner: DefaultKeyedRateLimiter::keyed(Quota::per_minute(n)) }
    }

    /// Takes one from `client`'s allowance, or says how many seconds until there is one.
    pub fn check(&self, client: IpAddr) -> Result<(), u64> {
        if self.inner.len() > SWEEP_AT {
            self.sweep();
        }
        self.inner.check_key(&client).map_err(|not_until| {
            not_until.wait_time_from(DefaultClock::default().now()).as_secs().max(1)
        })
    }

    /// Forgets the addresses whose allowance is full again.
    pub fn sweep(&self) {
        self.inner.retain_recent();
        self.inner.shrink_to_fit();
    }

    /// How many addresses it holds.
    pub fn len(&self) -> usize {
        self.inner.len()
    }

    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().expect("header"));
        headers
    }

    #[test]
    fn forwarded_addresses_count_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.2".parse().expect("ip");
        let peer: IpAddr = "203.0.113.9".parse().expect("ip");
        let headers = forwarded("198.51.100.1, 198.51.100.7");
        assert_eq!(client_ip(peer, &headers, &[proxy]), peer);
        assert_eq!(
            client_ip(proxy, &headers, &[proxy]),
            "198.51.100.7".parse::<IpAddr>().expect("ip")
        );
        // A second trusted hop is skipped; garbage stops at the proxy.
        let inner: IpAddr = "10.0.0.3".parse().expect("ip");
        let chain = forwarded("198.51.100.1, 10.0.0.3");
        assert_eq!(
            client_ip(proxy, &chain, &[proxy, inner]),
            "198.51.100.1".parse::<IpAddr>().expect("ip")
        );
        assert_eq!(client_ip(proxy, &forwarded("nonsense"), &[proxy]), proxy);
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &[proxy]), proxy);
    }

    #[test]
    fn a_limiter_refuses_past_its_allowance_and_forgets_idle_addresses() {
        let limiter = Limiter::per_minute(2);
        let a: IpAddr = "198.51.100.1".parse().expect("ip");
        let b: IpAddr = "198.51.100.2".parse().expect("ip");
        assert!(limiter.check(a).is_ok() && limiter.check(a).is_ok());
        let wait = limiter.check(a).expect_err("third is refused");
        assert!((1..=30).contains(&wait), "{wait}");
        assert!(limiter.check(b).is_ok(), "another address has its own allowance");
        assert_eq!(limiter.len(), 2);
    }
}
