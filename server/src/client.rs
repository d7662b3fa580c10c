//! Who is asking, and how often: the client's address (believed from `X-Forwarded-For` only
//! when the connection comes from a configured trusted proxy) and the per-address rate limits
//! (governor's keyed limiters). An IPv6 client is counted by its /64, the block one subscriber
//! gets, so it cannot take a fresh allowance from each of its addresses. The limiters forget
//! the addresses whose allowance is full again every minute, and sooner (at most every 10 s)
//! once they hold `SWEEP_AT`; what remains is the addresses seen within the last minute.

use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys a limiter holds before it sweeps out the ones that are back to a full allowance.
const SWEEP_AT: usize = 50_000;
/// The shortest time between two such sweeps.
const SWEEP_EVERY: Duration = Duration::from_secs(10);

/// The key an address is counted under: an IPv4 address (an IPv4-mapped IPv6 one as IPv4), or
/// an IPv6 address's /64.
pub fn allowance_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(bits))
        }
        v4 => v4,
    }
}

/// The client of a request: the socket's address, or for a trusted proxy the right-most
/// forwarded address that is not itself a trusted proxy.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let peer = peer.to_canonical();
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
        match hop.trim().parse::<IpAddr>().map(|ip| ip.to_canonical()) {
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
    last_sweep: Mutex<Instant>,
}

impl Limiter {
    pub fn per_minute(n: u32) -> Limiter {
        let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        Limiter {
            inner: DefaultKeyedRateLimiter::keyed(Quota::per_minute(n)),
            last_sweep: Mutex::new(Instant::now()),
        }
    }

    /// Takes one from `client`'s allowance, or says how many seconds until there is one.
    pub fn check(&self, client: IpAddr) -> Result<(), u64> {
        if self.inner.len() > SWEEP_AT {
            let due = self.last_sweep.lock().is_ok_and(|mut last| {
                let due = last.elapsed() >= SWEEP_EVERY;
                if due {
                    *last = Instant::now();
                }
                due
            });
            if due {
                self.sweep();
            }
        }
        self.inner.check_key(&allowance_key(client)).map_err(|not_until| {
            not_until.wait_time_from(DefaultClock::default().now()).as_secs().max(1)
        })
    }

    /// Forgets the addresses whose allowance is full again.
    pub fn sweep(&self) {
        self.inner.retain_recent();
        self.inner.shrink_to_fit();
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
        // A proxy reached over IPv4-mapped IPv6 (a service listening on [::]) is still trusted.
        let mapped: IpAddr = "::ffff:10.0.0.2".parse().expect("ip");
        assert_eq!(
            client_ip(mapped, &headers, &[proxy]),
            "198.51.100.7".parse::<IpAddr>().expect("ip")
        );
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
        // One IPv6 subscriber's /64 is one client; IPv4-mapped addresses count as IPv4.
        let v6 = |s: &str| s.parse::<IpAddr>().expect("ip");
        assert!(limiter.check(v6("2001:db8:1:2::1")).is_ok());
        assert!(limiter.check(v6("2001:db8:1:2::ffff")).is_ok());
        assert!(limiter.check(v6("2001:db8:1:2:abcd::9")).is_err(), "the same /64");
        assert!(limiter.check(v6("2001:db8:1:3::1")).is_ok(), "the next /64");
        assert!(limiter.check(v6("::ffff:198.51.100.1")).is_err(), "mapped: the same as a");
    }

    #[test]
    fn allowances_are_keyed_by_ipv4_address_or_ipv6_slash_64() {
        let ip = |s: &str| s.parse::<IpAddr>().expect("ip");
        assert_eq!(allowance_key(ip("198.51.100.1")), ip("198.51.100.1"));
        assert_eq!(allowance_key(ip("::ffff:198.51.100.1")), ip("198.51.100.1"));
        assert_eq!(allowance_key(ip("2001:db8:1:2:3:4:5:6")), ip("2001:db8:1:2::"));
        assert_eq!(allowance_key(ip("::1")), ip("::"));
    }
}
