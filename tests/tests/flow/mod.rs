//! The requests of the Prism-backed flow (`client_prism.rs`), shared with the typed mock's run
//! of the same flow (`mock_server.rs`), so that the two servers judge the very same requests
//! and a disagreement between the mock's checks and Prism's shows up as a failing test.

use mykaarma_payments::models::{
    AggregatedPaymentRequest, InvoicePaymentRequest, MobilePaymentRequest,
};
use rust_decimal::Decimal;
use std::str::FromStr;

/// The credentials both servers are told to expect.
pub const CREDENTIALS: (&str, &str) = ("subscriber", "secret");

/// The department and payment request the flow names in paths.
pub const DEPARTMENT: &str = "dep-1";
/// The payment request the flow reads back.
pub const PAYMENT_REQUEST: &str = "pr-1";

/// `sendPaymentRequestMobile`'s body.
pub fn mobile() -> MobilePaymentRequest {
    MobilePaymentRequest {
        amount: Some(Decimal::from_str("19.99").expect("decimal")),
        customer_uuid: Some("c-1".into()),
        to_send_text: Some(true),
        ..Default::default()
    }
}

/// `createAndSendPaymentRequest`'s body: an amount with more digits than a float keeps.
pub fn aggregated() -> AggregatedPaymentRequest {
    AggregatedPaymentRequest {
        amount: Some(Decimal::from_str("1234567.891").expect("decimal")),
        invoice_attributes: Some([("ro".to_string(), "42".to_string())].into_iter().collect()),
        send_as_email: Some(true),
        ..Default::default()
    }
}

/// `sendPaymentRequest`'s body.
pub fn invoice() -> InvoicePaymentRequest {
    InvoicePaymentRequest {
        invoice_guid: Some("inv-1".into()),
        send_as_text: Some(true),
        ..Default::default()
    }
}
