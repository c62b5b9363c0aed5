# True monthly series (million VND), 2023, months 1..6.
KA = {
    "industrial_output": [49860, 51240, 56730, 57910, 59480, 61350],
    "retail_sales": [912450, 836270, 884600, 893180, 905640, 921370],
    "accommodation_food_revenue": [158340, 139870, 146520, 150260, 156910, 163480],
    "agro_forestry_fishery_output": [7420, 6980, 8150, 8630, 8910, 9270],
    "budget_revenue": [21640, 14380, 17920, 19460, 23150, 26730],
    "budget_expenditure": [38270, 42910, 45160, 47530, 44820, 51690],
}
KA_PLAN = {
    "industrial_output": 742000,
    "retail_sales": 11250000,
    "accommodation_food_revenue": 2050000,
    "agro_forestry_fishery_output": 142000,
    "budget_revenue": 498000,
    "budget_expenditure": 596500,
}
# the one revision: Kiến An retail_sales month 3, estimate in the March report
KA_RS_M3_ESTIMATE = 871300
KA_AGRI_M3, KA_FISH_M3 = 5470, 2680
KA_AGRI_Q1, KA_FISH_Q1 = 15390, 7160

LC = {
    "industrial_output": [33600, 31800, 36900, 37400, 38200, 39500],
    "retail_sales": [2713500, 2486200, 2598700, 2632900, 2671400, 2705800],
    "accommodation_food_revenue": [421300, 386500, 398200, 405700, 413900, 427600],
    "budget_revenue": [86400, 61900, 73500, 78200, 81600, 92300],
    "budget_expenditure": [42300, 47800, 51200, 49600, 52900, 58700],
}
LC_PLAN = {
    "industrial_output": 452600,
    "retail_sales": 32480000,
    "accommodation_food_revenue": 4960000,
    "budget_revenue": 935000,
    "budget_expenditure": 612400,
}


def cum(series, n, start=1):
    return sum(series[start - 1:n])
