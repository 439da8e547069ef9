import streamlit as st
st.title("concepts")
