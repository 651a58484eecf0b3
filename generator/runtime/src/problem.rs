//! `Problem`: an input a generated method cannot send, found while the request is assembled and reported as `Error::InvalidArgument`.

/// An input that cannot be sent, reported as `Error::InvalidArgument`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Problem {
    /// The parameter at fault, or `body`.
    pub(super) parameter: &'static str,
    /// What is wrong with it, quoting the value where that helps.
    pub(super) reason: String,
}
