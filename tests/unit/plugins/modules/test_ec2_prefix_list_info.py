"""tickr.aws.ec2_prefix_list_info on a stubbed EC2: one DescribePrefixLists filtered on the names asked for, a name
the region does not have fails naming it, AWS's message reaches the user."""

import pytest

from ansible_collections.tickr.aws.plugins.modules import ec2_prefix_list_info

from module_runner import run_stubbed

S3 = {"PrefixListId": "pl-6da54004", "PrefixListName": "com.amazonaws.eu-west-1.s3", "Cidrs": ["52.218.0.0/17", "3.5.64.0/21"]}
DYNAMODB = {"PrefixListId": "pl-b3a742da", "PrefixListName": "com.amazonaws.eu-west-1.dynamodb", "Cidrs": ["52.94.24.0/23"]}


def _run(names, answer, expected, check_mode=False):
    answer = answer if isinstance(answer, str) else {"PrefixLists": answer}
    return run_stubbed(ec2_prefix_list_info, "ec2", {"names": names}, [("describe_prefix_lists", answer, expected)],
                       check_mode=check_mode, message="You are not authorized")


def _filtered(*names):
    return {"Filters": [{"Name": "prefix-list-name", "Values": list(names)}]}


@pytest.mark.parametrize("check_mode", [False, True])
def test_the_named_lists_are_returned_from_one_filtered_call(check_mode):
    result = _run(["com.amazonaws.eu-west-1.s3"], [S3], _filtered("com.amazonaws.eu-west-1.s3"), check_mode=check_mode)
    assert result == {"changed": False, "failed": False,
                      "prefix_lists": [{"prefix_list_id": "pl-6da54004", "prefix_list_name": "com.amazonaws.eu-west-1.s3",
                                        "cidrs": ["52.218.0.0/17", "3.5.64.0/21"]}],
                      "prefix_lists_by_name": {"com.amazonaws.eu-west-1.s3": "pl-6da54004"}}


def test_no_names_return_every_list_of_the_region():
    result = _run([], [S3, DYNAMODB], {})
    assert result["prefix_lists_by_name"] == {"com.amazonaws.eu-west-1.s3": "pl-6da54004",
                                              "com.amazonaws.eu-west-1.dynamodb": "pl-b3a742da"}


def test_a_name_the_region_lacks_fails_naming_it():
    names = ["com.amazonaws.eu-west-1.s3", "com.amazonaws.eu-west-1.s4"]
    result = _run(names, [S3], _filtered(*names))
    assert (result["failed"], result["msg"]) == (True, "No prefix list named com.amazonaws.eu-west-1.s4 in this region")


def test_aws_refusal_reaches_the_user_with_awss_message():
    result = _run(["com.amazonaws.eu-west-1.s3"], "UnauthorizedOperation", _filtered("com.amazonaws.eu-west-1.s3"))
    assert result["failed"] is True
    assert result["msg"] == ("Failed to describe the prefix lists: An error occurred (UnauthorizedOperation) when calling the "
                             "DescribePrefixLists operation: You are not authorized")
