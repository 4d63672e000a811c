"""The monitoring role builds the spec's "CloudWatch" section, the dashboard, X-Ray sampling and the budget,
idempotently, and refuses bad input before any change."""

import json

import pytest

pytestmark = pytest.mark.integration

ACCOUNT = "123456789012"
TOPIC = f"arn:aws:sns:eu-west-1:{ACCOUNT}:tickr-alerts"
# A shorter log retention deletes the older events: site.yml's plan refuses it unless allowed by name.
SHORTER_RETENTION = ["-e", json.dumps({"tickr_allow_data_loss": ["tickr_log_retention_days"]})]


def _alb(emulator):
    """An ALB named as the ecs_service role names it, so the API error rate alarm has its dimension."""
    ec2 = emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"eu-west-1{az}")["Subnet"]["SubnetId"]
               for i, az in ((1, "a"), (2, "b"))]
    alb = emulator.client("elbv2").create_load_balancer(Name="tickr-alb", Subnets=subnets)["LoadBalancers"][0]
    return alb["LoadBalancerArn"].split(":loadbalancer/")[1]


@pytest.fixture(scope="module")
def deployed(emulator, run_playbook):
    emulator.reset()
    alb_dimension = _alb(emulator)
    first = run_playbook(emulator.env, extra=["--tags", "monitoring"])
    assert first.returncode == 0, first.output[-3000:]
    return emulator, first, alb_dimension


def test_alert_topic_emails_the_admin(deployed):
    emulator = deployed[0]
    sns = emulator.client("sns")
    assert TOPIC in [t["TopicArn"] for t in sns.list_topics()["Topics"]]
    subscriptions = sns.list_subscriptions_by_topic(TopicArn=TOPIC)["Subscriptions"]
    assert [(s["Protocol"], s["Endpoint"]) for s in subscriptions] == [("email", "ops@tickr.tn")]
    tags = {t["Key"]: t["Value"] for t in sns.list_tags_for_resource(ResourceArn=TOPIC)["Tags"]}
    assert tags["Project"] == "tickr" and tags["Environment"] == "local"


def test_log_groups_keep_7_days(deployed):
    logs = deployed[0].client("logs")
    groups = {g["logGroupName"]: g for g in logs.describe_log_groups()["logGroups"]}
    assert groups["/ecs/tickr-backend"]["retentionInDays"] == 7
    # PostgreSQL's logs go to the group RDS writes to, the rds role's: the spec's /rds/... would stay empty.
    assert "/rds/tickr/postgresql" not in groups


def _alarms(emulator):
    return {a["AlarmName"]: a for a in emulator.client("cloudwatch").describe_alarms()["MetricAlarms"]}


def _dimensions(alarm):
    return {d["Name"]: d["Value"] for d in alarm.get("Dimensions", [])}


def test_metric_alarms_match_the_spec(deployed):
    alarms = _alarms(deployed[0])
    expected = {
        # name: (namespace, metric, statistic, comparison, threshold, dimensions)
        "tickr-ecs-cpu-high": ("AWS/ECS", "CPUUtilization", "Average", "GreaterThanThreshold", 80.0,
                               {"ClusterName": "tickr-cluster", "ServiceName": "tickr-backend-service"}),
        "tickr-rds-cpu-high": ("AWS/RDS", "CPUUtilization", "Average", "GreaterThanThreshold", 90.0,
                               {"DBInstanceIdentifier": "tickr-postgres"}),
        "tickr-rds-free-storage-low": ("AWS/RDS", "FreeStorageSpace", "Minimum", "LessThanThreshold", 2.0 * 1024 ** 3,
                                       {"DBInstanceIdentifier": "tickr-postgres"}),
    }
    for name, (namespace, metric, statistic, comparison, threshold, dimensions) in expected.items():
        alarm = alarms[name]
        assert (alarm["Namespace"], alarm["MetricName"], alarm["Statistic"]) == (namespace, metric, statistic), name
        assert (alarm["ComparisonOperator"], alarm["Threshold"]) == (comparison, threshold), name
        assert (alarm["Period"], alarm["EvaluationPeriods"]) == (300, 1), name
        assert _dimensions(alarm) == dimensions, name
        assert alarm["AlarmActions"] == [TOPIC] and alarm["OKActions"] == [TOPIC], name


def _queries(alarm):
    return {q["Id"]: q for q in alarm["Metrics"]}


def test_api_error_rate_is_metric_math_over_the_alb(deployed):
    emulator, alb_dimension = deployed[0], deployed[2]
    alarm = _alarms(emulator)["tickr-api-error-rate-high"]
    assert (alarm["ComparisonOperator"], alarm["Threshold"], alarm["EvaluationPeriods"]) == ("GreaterThanThreshold", 5.0, 1)
    assert alarm["AlarmActions"] == [TOPIC]
    queries = _queries(alarm)
    assert queries["error_rate"]["ReturnData"] is True
    assert queries["error_rate"]["Expression"] == "100 * (FILL(elb_5xx, 0) + FILL(target_5xx, 0)) / requests"
    for query_id, metric in (("elb_5xx", "HTTPCode_ELB_5XX_Count"), ("target_5xx", "HTTPCode_Target_5XX_Count"),
                             ("requests", "RequestCount")):
        stat = queries[query_id]["MetricStat"]
        assert (stat["Metric"]["Namespace"], stat["Metric"]["MetricName"]) == ("AWS/ApplicationELB", metric)
        assert stat["Metric"]["Dimensions"] == [{"Name": "LoadBalancer", "Value": alb_dimension}]
        assert (stat["Period"], stat["Stat"]) == (300, "Sum")
        assert queries[query_id]["ReturnData"] is False


def test_payment_success_rate_uses_the_apps_metrics(deployed):
    alarm = _alarms(deployed[0])["tickr-payment-success-rate-low"]
    assert (alarm["ComparisonOperator"], alarm["Threshold"]) == ("LessThanThreshold", 90.0)
    assert alarm["AlarmActions"] == [TOPIC]
    queries = _queries(alarm)
    assert queries["success_rate"]["Expression"] == "100 * succeeded / (succeeded + FILL(failed, 0))"
    assert queries["succeeded"]["MetricStat"]["Metric"]["Namespace"] == "Tickr"
    assert queries["succeeded"]["MetricStat"]["Metric"]["MetricName"] == "PaymentsSucceeded"
    assert queries["failed"]["MetricStat"]["Metric"]["MetricName"] == "PaymentsFailed"


def test_dashboard_shows_the_platform(deployed):
    emulator, alb_dimension = deployed[0], deployed[2]
    body = json.loads(emulator.client("cloudwatch").get_dashboard(DashboardName="tickr-platform")["DashboardBody"])
    metrics = {(m[0], m[1]) for w in body["widgets"] for m in w["properties"]["metrics"]}
    assert metrics >= {
        ("AWS/ApplicationELB", "RequestCount"), ("AWS/ApplicationELB", "TargetResponseTime"),
        ("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"), ("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"),
        ("AWS/ECS", "CPUUtilization"), ("AWS/ECS", "MemoryUtilization"), ("ECS/ContainerInsights", "RunningTaskCount"),
        ("AWS/RDS", "CPUUtilization"), ("AWS/RDS", "FreeStorageSpace"), ("AWS/RDS", "DatabaseConnections"),
        ("AWS/ElastiCache", "DatabaseMemoryUsagePercentage"), ("AWS/ElastiCache", "EngineCPUUtilization"),
        ("AWS/SES", "Bounce"), ("AWS/SES", "Complaint"), ("Tickr", "TicketsSold"), ("Tickr", "Revenue"),
    }
    alb_widgets = [w for w in body["widgets"] if w["properties"]["metrics"][0][0] == "AWS/ApplicationELB"]
    assert all(alb_dimension in w["properties"]["metrics"][0] for w in alb_widgets)
    assert all(w["properties"]["region"] == "eu-west-1" for w in body["widgets"])


def test_budget_is_150_a_month_with_email_alerts(deployed):
    budgets = deployed[0].client("budgets", region="us-east-1")
    budget = budgets.describe_budget(AccountId=ACCOUNT, BudgetName="tickr-monthly-cost")["Budget"]
    assert (budget["BudgetType"], budget["TimeUnit"]) == ("COST", "MONTHLY")
    assert float(budget["BudgetLimit"]["Amount"]) == 150.0 and budget["BudgetLimit"]["Unit"] == "USD"
    notifications = budgets.describe_notifications_for_budget(AccountId=ACCOUNT, BudgetName="tickr-monthly-cost")["Notifications"]
    found = {(n["NotificationType"], n["ComparisonOperator"], n["Threshold"], n["ThresholdType"]): n for n in notifications}
    assert set(found) == {("ACTUAL", "GREATER_THAN", 80.0, "PERCENTAGE"), ("FORECASTED", "GREATER_THAN", 100.0, "PERCENTAGE")}
    for notification in found.values():
        subscribers = budgets.describe_subscribers_for_notification(
            AccountId=ACCOUNT, BudgetName="tickr-monthly-cost", Notification=notification)["Subscribers"]
        assert subscribers == [{"SubscriptionType": "EMAIL", "Address": "ops@tickr.tn"}]


def test_xray_samples_the_backend(deployed):
    records = deployed[0].client("xray").get_sampling_rules()["SamplingRuleRecords"]
    rule = {r["SamplingRule"]["RuleName"]: r["SamplingRule"] for r in records}["tickr-backend"]
    assert (rule["ServiceName"], rule["Priority"], rule["ReservoirSize"], rule["FixedRate"]) == ("tickr-backend", 1000, 1, 0.05)
    assert (rule["Host"], rule["HTTPMethod"], rule["URLPath"], rule["ResourceARN"]) == ("*", "*", "*", "*")


def test_second_run_changes_nothing(deployed, run_playbook):
    emulator = deployed[0]
    check = run_playbook(emulator.env, extra=["--tags", "monitoring", "--check"])
    assert check.returncode == 0 and check.changed == 0, check.output[-3000:]
    second = run_playbook(emulator.env, extra=["--tags", "monitoring"])
    assert second.returncode == 0, second.output[-3000:]
    assert second.changed == 0, second.output[-3000:]


def test_changed_values_are_applied(deployed, run_playbook):
    emulator = deployed[0]
    changes = ["-e", "monitoring_log_retention_days=30", "-e", "monitoring_budget_amount=200",
               "-e", "monitoring_payment_success_rate_threshold=95", "-e", "monitoring_xray_fixed_rate=0.1"]
    run = run_playbook(emulator.env, extra=["--tags", "monitoring", *changes])
    assert run.returncode == 0 and run.changed == 4, run.output[-3000:]
    assert {g["logGroupName"]: g["retentionInDays"] for g in emulator.client("logs").describe_log_groups()["logGroups"]} == {
        "/ecs/tickr-backend": 30}
    budget = emulator.client("budgets", region="us-east-1").describe_budget(AccountId=ACCOUNT, BudgetName="tickr-monthly-cost")
    assert float(budget["Budget"]["BudgetLimit"]["Amount"]) == 200.0
    assert _alarms(emulator)["tickr-payment-success-rate-low"]["Threshold"] == 95.0
    # Restore the spec's values for the tests that follow (30 days back to 7: allowed by name).
    restore = run_playbook(emulator.env, extra=["--tags", "monitoring", *SHORTER_RETENTION])
    assert restore.returncode == 0 and restore.changed == 4, restore.output[-3000:]


def _result(run, task_name):
    """The result of a task of the run (ansible.posix.json)."""
    for play in run.result["plays"]:
        for task in play["tasks"]:
            if task["task"]["name"].endswith(task_name):
                return next(iter(task["hosts"].values()))
    raise AssertionError(f"no task {task_name!r} in the run")


def _ran(run):
    """The alarms and log groups their modules created or corrected (would, under --check)."""
    return sorted(_result(run, "Create the alarms")["changed_alarms"]
                  + _result(run, "Create the log groups with their retention")["changed_log_groups"])


def test_a_rerun_takes_back_what_was_changed_by_hand(deployed, run_playbook):
    """A rerun reads the alarms and log groups in one run each (tickr.aws.cloudwatch_metric_alarms,
    cloudwatchlogs_log_groups): drift must still be found, predicted by --check and undone."""
    emulator = deployed[0]
    cloudwatch, logs = emulator.client("cloudwatch"), emulator.client("logs")
    alarm = _alarms(emulator)["tickr-rds-cpu-high"]
    settings = ["AlarmName", "AlarmDescription", "ActionsEnabled", "OKActions", "AlarmActions", "InsufficientDataActions",
                "MetricName", "Namespace", "Statistic", "Dimensions", "Period", "EvaluationPeriods", "ComparisonOperator",
                "TreatMissingData"]
    cloudwatch.put_metric_alarm(**{k: alarm[k] for k in settings if k in alarm}, Threshold=50.0)
    logs.put_retention_policy(logGroupName="/ecs/tickr-backend", retentionInDays=30)
    assert _alarms(emulator)["tickr-rds-cpu-high"]["Threshold"] == 50.0

    # Taking the retention back from 30 to 7 days deletes the older events: the plan refuses it unless allowed.
    check = run_playbook(emulator.env, extra=["--tags", "monitoring", "--check", *SHORTER_RETENTION])
    assert check.returncode == 0 and check.changed == 2, check.failure_messages() or check.output[-3000:]
    assert _ran(check) == ["/ecs/tickr-backend", "tickr-rds-cpu-high"]
    assert _alarms(emulator)["tickr-rds-cpu-high"]["Threshold"] == 50.0

    rerun = run_playbook(emulator.env, extra=["--tags", "monitoring", *SHORTER_RETENTION])
    assert rerun.returncode == 0 and rerun.changed == 2, rerun.failure_messages() or rerun.output[-3000:]
    assert _ran(rerun) == ["/ecs/tickr-backend", "tickr-rds-cpu-high"]
    assert _alarms(emulator)["tickr-rds-cpu-high"]["Threshold"] == 90.0
    assert {g["logGroupName"]: g["retentionInDays"] for g in logs.describe_log_groups()["logGroups"]} == {
        "/ecs/tickr-backend": 7}

    again = run_playbook(emulator.env, extra=["--tags", "monitoring"])
    assert again.returncode == 0 and again.changed == 0, again.output[-3000:]
    assert _ran(again) == []
    alarms = [a["alarm_name"] for a in _result(again, "Create the alarms")["alarms"]]
    assert len([a for a in _result(again, "Create the alarms")["alarms"] if not a.get("metrics")]) == 3
    assert len([a for a in _result(again, "Create the alarms")["alarms"] if a.get("metrics")]) == 2
    assert len(alarms) == 5
    assert len(_result(again, "Create the log groups with their retention")["log_groups"]) == 1


@pytest.mark.parametrize("variable, value, message", [
    ("monitoring_log_retention_days", "10", "monitoring_log_retention_days: '10' is not a retention CloudWatch Logs accepts"),
    ("monitoring_ecs_cpu_threshold", "120", "monitoring_ecs_cpu_threshold: 120 is not a percentage (0 to 100)"),
    ("monitoring_payment_success_rate_threshold", "-1", "monitoring_payment_success_rate_threshold: -1 is not a percentage"),
    ("monitoring_admin_email", "not-an-email", "monitoring_admin_email: 'not-an-email' is not an email address"),
    ("monitoring_budget_amount", "0", "monitoring_budget_amount: 0 must be more than 0"),
    ("monitoring_xray_fixed_rate", "1.5", "monitoring_xray_fixed_rate: 1.5 must be from 0 to 1"),
    ("monitoring_alarm_period", "90", "monitoring_alarm_period: 90 must be 60 seconds or a multiple of 60"),
])
def test_bad_input_fails_before_any_change(fresh_emulator, run_playbook, variable, value, message):
    run = run_playbook(fresh_emulator.env, extra=["--tags", "monitoring", "-e", f"{variable}={value}"])
    assert run.returncode != 0
    assert any(message in m for m in run.failure_messages()), run.failure_messages()
    assert fresh_emulator.client("sns").list_topics()["Topics"] == []
    assert fresh_emulator.client("logs").describe_log_groups()["logGroups"] == []
