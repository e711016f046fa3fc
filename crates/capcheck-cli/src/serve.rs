//! `capcheck serve`: the browser app's static files over HTTP on this machine. The app needs no
//! server of its own; this only hands the files to the browser with the right types.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use tiny_http::{Header, Response, Server};

use crate::args::ServeArgs;

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// The file a URL path names inside `dir`, refusing anything that would leave it.
fn resolve(dir: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let rel = Path::new(path.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let full = dir.join(rel);
    Some(if full.is_dir() {
        full.join("index.html")
    } else {
        full
    })
}

/// Serves `args.dir` until the process is stopped.
pub fn run(args: &ServeArgs) -> Result<(), String> {
    if !args.dir.join("index.html").is_file() {
        return Err(format!(
            "`{}` holds no built app (no index.html); run `./scripts/build-web.sh` first",
            args.dir.display()
        ));
    }
    let server = Server::http((args.host.as_str(), args.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.host, args.port))?;
    let addr = server
        .server_addr()
        .to_ip()
        .map_or_else(|| format!("{}:{}", args.host, args.port), |a| a.to_string());
    let mut out = std::io::stdout();
    let _ = writeln!(
        out,
        "capcheck: serving {} at http://{addr}/ (Ctrl-C stops)",
        args.dir.display()
    );
    let _ = out.flush();
    for request in server.incoming_requests() {
        let file = resolve(&args.dir, request.url()).filter(|p| p.is_file());
        let response = match file.and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
            Some((path, bytes)) => {
                let mut r = Response::from_data(bytes);
                if let Ok(h) = Header::from_bytes("Content-Type", mime(&path)) {
                    r.add_header(h);
                }
                if let Ok(h) = Header::from_bytes("Cache-Control", "no-cache") {
                    r.add_header(h);
                }
                r
            }
            None => Response::from_string("not found").with_status_code(404),
        };
        let _ = request.respond(response);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_cannot_leave_the_folder() {
        let dir = Path::new("/srv/app");
        assert_eq!(
            resolve(dir, "/capcheck.js?v=1"),
            Some(dir.join("capcheck.js"))
        );
        assert_eq!(resolve(dir, "/../etc/passwd"), None);
        assert_eq!(resolve(dir, "/a/%2e%2e/b"), Some(dir.join("a/%2e%2e/b")));
        assert_eq!(mime(Path::new("x.wasm")), "application/wasm");
        assert_eq!(
            mime(Path::new("catalogues/scim-tax.csv")),
            "text/csv; charset=utf-8"
        );
    }
}
