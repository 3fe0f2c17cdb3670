//! Work run on a second thread beside the caller's, for the independent
//! parts of a render: the footer's content hash beside the layout, the page
//! contents' compression beside the document's frame and fonts (`pack`). A small export
//! is a few milliseconds of one process, most of it one thread's work, so a
//! second core takes a share of it; the output is the same bytes.

use std::sync::{Arc, Mutex};
use std::thread::{Scope, ScopedJoinHandle};

/// A result being computed beside the caller, or computed already.
pub(super) enum Beside<'scope, T> {
    Thread(ScopedJoinHandle<'scope, Option<T>>),
    Done(Option<T>),
}

impl<'scope, T: Send + 'scope> Beside<'scope, T> {
    /// Starts `f` on a thread of `scope`; if no thread can be started (a
    /// process or memory limit), runs it here and now instead.
    pub(super) fn start<'env, F>(scope: &'scope Scope<'scope, 'env>, f: F) -> Self
    where
        F: FnOnce() -> T + Send + 'scope,
    {
        // Handed over through a slot, so that a failed spawn leaves it here.
        let slot = Arc::new(Mutex::new(Some(f)));
        let theirs = Arc::clone(&slot);
        let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
            let f = theirs.lock().ok()?.take();
            f.map(|f| f())
        });
        match spawned {
            Ok(handle) => Self::Thread(handle),
            Err(_) => {
                let f = slot.lock().ok().and_then(|mut f| f.take());
                Self::Done(f.map(|f| f()))
            }
        }
    }

    /// The result; a panic on the other thread continues here.
    #[expect(
        clippy::expect_used,
        reason = "the slot is emptied once, by whichever side runs the job"
    )]
    pub(super) fn join(self) -> T {
        let result = match self {
            Self::Thread(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Self::Done(result) => result,
        };
        result.expect("the job ran")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_comes_back_from_the_other_thread() {
        let data = [1, 2, 3];
        let here = std::thread::current().id();
        let (sum, there) = std::thread::scope(|scope| {
            Beside::start(scope, || {
                (data.iter().sum::<i32>(), std::thread::current().id())
            })
            .join()
        });
        assert_eq!(sum, 6);
        assert_ne!(there, here, "the job ran on another thread");
    }

    #[test]
    fn a_panic_in_the_job_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| {
            std::thread::scope(|scope| {
                Beside::start(scope, || -> u8 { panic!("job failed") }).join()
            })
        });
        let message = caught.expect_err("the panic came through");
        assert_eq!(message.downcast_ref::<&str>(), Some(&"job failed"));
    }
}
