"""The ses role's fidelity patches (SESv2 templates, event destinations, account, Easy DKIM), stated over HTTP."""

import botocore.exceptions
import pytest


def test_sesv2_email_templates_are_created_read_updated_and_deleted(fresh_emulator):
    ses = fresh_emulator.client("sesv2")
    content = {"Subject": "Votre billet {{event}}", "Html": "<p>{{name}}</p>", "Text": "{{name}}"}
    ses.create_email_template(TemplateName="ticket-confirmation", TemplateContent=content)
    with pytest.raises(botocore.exceptions.ClientError, match="AlreadyExistsException"):
        ses.create_email_template(TemplateName="ticket-confirmation", TemplateContent=content)
    got = ses.get_email_template(TemplateName="ticket-confirmation")
    assert got["TemplateName"] == "ticket-confirmation" and got["TemplateContent"] == content
    # SES v1 sees the same template, as on AWS.
    assert fresh_emulator.client("ses").get_template(TemplateName="ticket-confirmation")["Template"]["SubjectPart"] == content["Subject"]

    ses.update_email_template(TemplateName="ticket-confirmation", TemplateContent=dict(content, Html="<p>Bonjour {{name}}</p>"))
    assert ses.get_email_template(TemplateName="ticket-confirmation")["TemplateContent"]["Html"] == "<p>Bonjour {{name}}</p>"
    assert [t["TemplateName"] for t in ses.list_email_templates()["TemplatesMetadata"]] == ["ticket-confirmation"]
    ses.delete_email_template(TemplateName="ticket-confirmation")
    with pytest.raises(botocore.exceptions.ClientError, match="NotFoundException"):
        ses.get_email_template(TemplateName="ticket-confirmation")
    with pytest.raises(botocore.exceptions.ClientError, match="NotFoundException"):
        ses.update_email_template(TemplateName="ticket-confirmation", TemplateContent=content)


def test_sesv2_configuration_sets_hold_named_event_destinations(fresh_emulator):
    ses = fresh_emulator.client("sesv2")
    ses.create_configuration_set(ConfigurationSetName="tickr-transactional")
    cloudwatch = {"DimensionConfigurations": [{"DimensionName": "ses:configuration-set", "DimensionValueSource": "MESSAGE_TAG",
                                               "DefaultDimensionValue": "tickr-transactional"}]}
    destination = {"Enabled": True, "MatchingEventTypes": ["BOUNCE", "COMPLAINT"], "CloudWatchDestination": cloudwatch}
    ses.create_configuration_set_event_destination(ConfigurationSetName="tickr-transactional", EventDestinationName="cloudwatch",
                                                   EventDestination=destination)
    with pytest.raises(botocore.exceptions.ClientError, match="AlreadyExistsException"):
        ses.create_configuration_set_event_destination(ConfigurationSetName="tickr-transactional", EventDestinationName="cloudwatch",
                                                       EventDestination=destination)
    got = ses.get_configuration_set_event_destinations(ConfigurationSetName="tickr-transactional")["EventDestinations"]
    assert got == [dict(destination, Name="cloudwatch")]

    ses.update_configuration_set_event_destination(ConfigurationSetName="tickr-transactional", EventDestinationName="cloudwatch",
                                                   EventDestination=dict(destination, MatchingEventTypes=["BOUNCE", "COMPLAINT", "DELIVERY"]))
    got = ses.get_configuration_set_event_destinations(ConfigurationSetName="tickr-transactional")["EventDestinations"]
    assert got[0]["MatchingEventTypes"] == ["BOUNCE", "COMPLAINT", "DELIVERY"]
    ses.delete_configuration_set_event_destination(ConfigurationSetName="tickr-transactional", EventDestinationName="cloudwatch")
    assert ses.get_configuration_set_event_destinations(ConfigurationSetName="tickr-transactional")["EventDestinations"] == []
    with pytest.raises(botocore.exceptions.ClientError, match="NotFoundException"):
        ses.get_configuration_set_event_destinations(ConfigurationSetName="missing")


def test_sesv2_account_starts_in_the_sandbox_and_records_a_production_request(fresh_emulator):
    ses = fresh_emulator.client("sesv2")
    account = ses.get_account()
    assert account["ProductionAccessEnabled"] is False and account["SendingEnabled"] is True
    assert account["SendQuota"]["Max24HourSend"] == 200 and account["SendQuota"]["MaxSendRate"] == 1
    assert "Details" not in account
    ses.put_account_details(MailType="TRANSACTIONAL", WebsiteURL="https://tickr.tn", ContactLanguage="EN",
                            UseCaseDescription="Ticket confirmations", AdditionalContactEmailAddresses=["ops@tickr.tn"],
                            ProductionAccessEnabled=True)
    details = ses.get_account()["Details"]
    assert details["MailType"] == "TRANSACTIONAL" and details["WebsiteURL"] == "https://tickr.tn"
    assert details["ReviewDetails"]["Status"] == "PENDING"


def test_sesv2_domain_identities_get_easy_dkim_tokens(fresh_emulator):
    ses = fresh_emulator.client("sesv2")
    created = ses.create_email_identity(EmailIdentity="tickr.tn")["DkimAttributes"]
    assert created["SigningEnabled"] is True and created["SigningAttributesOrigin"] == "AWS_SES"
    assert len(created["Tokens"]) == 3
    assert ses.get_email_identity(EmailIdentity="tickr.tn")["DkimAttributes"]["Tokens"] == created["Tokens"]
    assert "Tokens" not in ses.create_email_identity(EmailIdentity="noreply@tickr.tn")["DkimAttributes"]

    fresh_emulator.client("ses").verify_domain_identity(Domain="legacy.tn")
    assert "Tokens" not in ses.get_email_identity(EmailIdentity="legacy.tn")["DkimAttributes"]
    tokens = ses.put_email_identity_dkim_signing_attributes(EmailIdentity="legacy.tn", SigningAttributesOrigin="AWS_SES")["DkimTokens"]
    assert len(tokens) == 3
    ses.put_email_identity_dkim_attributes(EmailIdentity="legacy.tn", SigningEnabled=False)
    assert ses.get_email_identity(EmailIdentity="legacy.tn")["DkimAttributes"]["SigningEnabled"] is False


def test_sesv2_missing_configuration_set_is_not_found(fresh_emulator):
    with pytest.raises(botocore.exceptions.ClientError) as error:
        fresh_emulator.client("sesv2").get_configuration_set(ConfigurationSetName="missing")
    assert error.value.response["Error"]["Code"] == "NotFoundException"
