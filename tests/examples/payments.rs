//! Calls every operation of the Payments API once against a base URL given on the command line
//! (for example a Prism mock server, see README.md), and prints what came back.
//!
//! ```sh
//! MYKAARMA_USERNAME=user MYKAARMA_PASSWORD=secret \
//!     cargo run -p codegen-tests --example payments -- http://127.0.0.1:4010
//! ```

use mykaarma_payments::models::{
    AggregatedPaymentRequest, InvoicePaymentRequest, MobilePaymentRequest,
};
use mykaarma_payments::runtime::Error;
use mykaarma_payments::Client;
use rust_decimal::Decimal;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let Some(base_url) = std::env::args().nth(1) else {
        eprintln!("usage: payments <base-url>   (credentials from MYKAARMA_USERNAME and MYKAARMA_PASSWORD)");
        return ExitCode::from(2);
    };
    match run(&base_url).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(base_url: &str) -> Result<(), String> {
    let username = std::env::var("MYKAARMA_USERNAME").unwrap_or_else(|_| "demo".to_owned());
    let password = std::env::var("MYKAARMA_PASSWORD").unwrap_or_else(|_| "demo".to_owned());
    let client = Client::builder()
        .base_url(base_url)
        .basic_auth(username, password)
        .build()
        .map_err(|error| error.to_string())?;
    let department = "department-uuid";

    let mobile = MobilePaymentRequest {
        amount: Some(Decimal::new(1999, 2)),
        customer_uuid: Some("customer-uuid".into()),
        to_send_text: Some(true),
        ..Default::default()
    };
    let sent = client
        .send_payment_request_mobile(&mobile)
        .await
        .map_err(describe)?;
    println!(
        "sendPaymentRequestMobile: {} text sent: {:?}",
        sent.http_status(),
        sent.text_sent
    );

    let aggregated = AggregatedPaymentRequest {
        amount: Some(Decimal::new(1999, 2)),
        customer_uuid: Some("customer-uuid".into()),
        send_as_email: Some(true),
        ..Default::default()
    };
    let created = client
        .create_and_send_payment_request(department, &aggregated)
        .await
        .map_err(describe)?;
    println!(
        "createAndSendPaymentRequest: {} payment URL: {:?}",
        created.http_status(),
        created.payment_url
    );

    let invoice = InvoicePaymentRequest {
        invoice_guid: Some("invoice-guid".into()),
        send_as_text: Some(true),
        ..Default::default()
    };
    let sent = client
        .send_payment_request(department, &invoice)
        .await
        .map_err(describe)?;
    println!(
        "sendPaymentRequest: {} payment link: {:?} text: {:?}",
        sent.http_status(),
        sent.payment_link,
        sent.text_sent
    );

    let found = client
        .get_payment_request("payment-request-guid")
        .await
        .map_err(describe)?;
    let request = found.payment_request.as_ref();
    println!(
        "getPaymentRequest: {} amount: {:?} invoice status: {:?}",
        found.http_status(),
        request.and_then(|request| request.amount),
        request
            .and_then(|request| request.invoice.as_ref())
            .and_then(|invoice| invoice.invoice_status.as_deref()),
    );
    Ok(())
}

/// An error with the API's own messages when the server sent its errors/warnings envelope.
fn describe<E: std::fmt::Debug>(error: Error<E>) -> String {
    match error.api_body() {
        Some(body) => format!("{error}: {body:?}"),
        None => error.to_string(),
    }
}
